using FluentValidation;
using Ticketing.Contracts;

namespace Ticketing.Intake.Tickets;

/// <summary>An agent registers a call (接听/登记).</summary>
public sealed record RegisterTicket(
    Channel Channel, Category Category, Urgency Urgency, string Title, string Content,
    string CallerName, string CallerPhone, string RegionCode, string? Address);

public sealed record RejectTicket(string Reason);

public sealed class RegisterTicketValidator : AbstractValidator<RegisterTicket>
{
    public RegisterTicketValidator()
    {
        RuleFor(r => r.Channel).IsInEnum();
        RuleFor(r => r.Category).IsInEnum();
        RuleFor(r => r.Urgency).IsInEnum();
        RuleFor(r => r.Title).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Content).NotEmpty().MaximumLength(4000);
        RuleFor(r => r.CallerName).NotEmpty().MaximumLength(100);
        RuleFor(r => r.CallerPhone).NotEmpty().Matches(@"^\+?[0-9][0-9\- ]{4,19}$")
            .WithMessage("'Caller Phone' must be a phone number of 5 to 20 digits.");
        RuleFor(r => r.RegionCode).NotEmpty().MaximumLength(20);
        RuleFor(r => r.Address).MaximumLength(300);
    }
}

public sealed class RejectTicketValidator : AbstractValidator<RejectTicket>
{
    public RejectTicketValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(500);
}
