using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Ticketing.BuildingBlocks.Validation;
using Ticketing.Contracts;

namespace Ticketing.Intake.Tickets;

/// <summary>
/// An agent registers a call (接听/登记). <c>SubCategory</c> is the catalogue's second level (required where the
/// category has one); <c>CallerName</c> may be null or empty where the category allows anonymous callers.
/// <c>ConcernedStaff</c> is the user name of the hotline's own staff member a complaint is about (被投诉人), who then
/// may not decide it. The lengths are the columns' (and the OpenAPI document's).
/// </summary>
public sealed record RegisterTicket(
    Channel Channel, Category Category, Urgency Urgency,
    [property: StringLength(200)] string Title,
    [property: StringLength(4000)] string Content,
    [property: StringLength(100)] string? CallerName,
    [property: StringLength(20)] string CallerPhone,
    [property: StringLength(20)] string RegionCode,
    [property: StringLength(300)] string? Address = null,
    [property: StringLength(100)] string? ConcernedStaff = null,
    [property: StringLength(40)] string? SubCategory = null);

public sealed record RejectTicket([property: StringLength(500)] string Reason);

/// <summary>直接答复办结: the agent answered the caller during the call.</summary>
public sealed record ResolveTicket([property: StringLength(4000)] string Answer);

public sealed class RegisterTicketValidator : AbstractValidator<RegisterTicket>
{
    public RegisterTicketValidator(IssueCatalogue catalogue)
    {
        RuleFor(r => r.Title).NotEmpty().MaximumLength(200).SingleLine();
        RuleFor(r => r.Content).NotEmpty().MaximumLength(4000).MultiLine();
        RuleFor(r => r.CallerName).NotEmpty().When(r => !catalogue.Of(r.Category).AnonymousAllowed, ApplyConditionTo.CurrentValidator)
            .WithLocalisedMessage("'callerName' is needed: {0} does not take anonymous calls.", r => [r.Category])
            .MaximumLength(100).SingleLine();
        RuleFor(r => r.SubCategory).MaximumLength(40).SingleLine();
        RuleFor(r => r.CallerPhone).NotEmpty().Must(phone => PhoneNumbers.TryNormalise(phone, out _, out _))
            .WithLocalisedMessage("'{PropertyName}' must be a mainland mobile (13800138000), a landline with its area code (010-12345678) or another number of 5 to 15 digits.");
        RuleFor(r => r.RegionCode).NotEmpty().MaximumLength(20).Matches("^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$")
            .WithLocalisedMessage("'{PropertyName}' must be a region code such as DC or DC-DH.");
        RuleFor(r => r.Address).MaximumLength(300).SingleLine();
        RuleFor(r => r.ConcernedStaff).MaximumLength(100).SingleLine();
    }
}

public sealed class RejectTicketValidator : AbstractValidator<RejectTicket>
{
    public RejectTicketValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(500).MultiLine();
}

public sealed class ResolveTicketValidator : AbstractValidator<ResolveTicket>
{
    public ResolveTicketValidator() => RuleFor(r => r.Answer).NotEmpty().MaximumLength(4000).MultiLine();
}
