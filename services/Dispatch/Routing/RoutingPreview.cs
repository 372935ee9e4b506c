using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Ticketing.BuildingBlocks.Validation;
using Ticketing.Contracts;
using Ticketing.Dispatch.Offices;

namespace Ticketing.Dispatch.Routing;

/// <summary>A ticket as an agent would describe it before registering, to learn where dispatch would send it.</summary>
public sealed record PreviewRouting(Category Category, [property: StringLength(20)] string RegionCode, [property: StringLength(40)] string? SubCategory = null);

public sealed class PreviewRoutingValidator : AbstractValidator<PreviewRouting>
{
    public PreviewRoutingValidator()
    {
        RuleFor(r => r.Category).IsInEnum();
        // The shape intake takes; whether the city knows the region is routing's answer, not a refusal.
        RuleFor(r => r.RegionCode).NotEmpty().MaximumLength(20).Matches(OfficeInputValidator.RegionPattern)
            .WithLocalisedMessage("'{PropertyName}' must be a region code such as DC or DC-DH.");
        RuleFor(r => r.SubCategory).MaximumLength(RoutingRule.SubCategoryLength).SingleLine();
    }
}

/// <summary>
/// The lead and co-handling offices a described ticket would be assigned to and the rule that decides it; when no
/// rule matches, <see cref="ManualQueue"/> is true and the offices are null.
/// </summary>
public sealed record RoutingPreview(string? OfficeCode, string? OfficeName, IReadOnlyList<OfficeRef> CoHandlingOffices, string Reason, int? RuleId,
    bool ManualQueue);

public sealed record OfficeRef(string Code, string Name);

public static class RoutingPreviews
{
    /// <summary>The same decision dispatch takes when the ticket is accepted; nothing is stored.</summary>
    public static RoutingPreview Preview(PreviewRouting request, OfficeDirectory offices)
    {
        var subCategory = string.IsNullOrWhiteSpace(request.SubCategory) ? null : request.SubCategory.Trim();
        return offices.Route(request.Category, subCategory, request.RegionCode.Trim()) is { } decision
            ? new RoutingPreview(decision.Lead.Code, decision.Lead.Name, decision.CoHandlers.Select(o => new OfficeRef(o.Code, o.Name)).ToList(),
                decision.Reason, decision.RuleId, ManualQueue: false)
            : new RoutingPreview(null, null, [], OfficeDirectory.NoRouteReason(request.Category, subCategory, request.RegionCode.Trim()), null,
                ManualQueue: true);
    }
}
