using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Ticketing.BuildingBlocks.Validation;
using Ticketing.Contracts;

namespace Ticketing.Dispatch.Offices;

/// <summary>A ticket as an agent would describe it before registering, to learn where dispatch would send it.</summary>
public sealed record PreviewRouting(Category Category, [property: StringLength(20)] string RegionCode);

public sealed class PreviewRoutingValidator : AbstractValidator<PreviewRouting>
{
    public PreviewRoutingValidator()
    {
        RuleFor(r => r.Category).IsInEnum();
        // The shape intake takes; whether the city knows the region is routing's answer, not a refusal.
        RuleFor(r => r.RegionCode).NotEmpty().MaximumLength(20).Matches("^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$")
            .WithLocalisedMessage("'{PropertyName}' must be a region code such as DC or DC-DH.");
    }
}

/// <summary>The office a described ticket would be assigned to, and the rule or jurisdiction that decides it.</summary>
public sealed record RoutingPreview(string OfficeCode, string OfficeName, string Reason);

public static class RoutingPreviews
{
    /// <summary>The same decision dispatch takes when the ticket is accepted; nothing is stored.</summary>
    public static RoutingPreview Preview(PreviewRouting request, OfficeDirectory offices)
    {
        var decision = offices.Route(request.Category, request.RegionCode.Trim());
        return new RoutingPreview(decision.Office.Code, decision.Office.Name, decision.Reason);
    }
}
