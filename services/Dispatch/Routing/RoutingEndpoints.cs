using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Validation;
using Ticketing.Contracts;
using Ticketing.Contracts.Queries;
using Ticketing.Dispatch.Data;
using Ticketing.Dispatch.Offices;

namespace Ticketing.Dispatch.Routing;

public sealed class RuleDetailsValidator : AbstractValidator<RuleDetails>
{
    public RuleDetailsValidator()
    {
        RuleFor(r => r.Category).IsInEnum();
        RuleFor(r => r.SubCategory).MaximumLength(RoutingRule.SubCategoryLength).Matches("^[A-Za-z0-9]+$").When(r => r.SubCategory is not null)
            .WithLocalisedMessage("'{PropertyName}' must be a catalogue code such as Noise (GET /api/intake/catalogue).");
        RuleFor(r => r.SubCategory).Null().When(r => r.Category is null).WithLocalisedMessage("'{PropertyName}' needs its category.");
        RuleFor(r => r.Region).NotEmpty().MaximumLength(RoutingRule.RegionLength)
            .Must(region => region == RoutingRule.Anywhere || System.Text.RegularExpressions.Regex.IsMatch(region, OfficeInputValidator.RegionPattern))
            .WithLocalisedMessage("'{PropertyName}' must be a region code such as DC or DC-DH, or * for anywhere.");
        RuleFor(r => r.LeadOffice).NotEmpty().MaximumLength(Office.CodeLength).SingleLine();
        RuleFor(r => r.CoHandlers).Must(c => c is null || c.Count <= RoutingRule.MaxCoHandlers)
            .WithLocalisedMessage("'{PropertyName}' may name at most 5 offices.");
        RuleForEach(r => r.CoHandlers).NotEmpty().MaximumLength(Office.CodeLength).SingleLine();
        RuleFor(r => r.Priority).InclusiveBetween(-1000, 1000);
        RuleFor(r => r.Why).MaximumLength(RoutingRule.WhyLength).SingleLine();
    }
}

public static class RoutingEndpoints
{
    public static IEndpointRouteBuilder MapRoutingEndpoints(this IEndpointRouteBuilder app)
    {
        var routing = app.MapGroup("/routing").WithTags("Routing");
        routing.MapGet("/rules", (OfficeDirectory directory, bool? active) => directory.Rules.Where(r => active is null || r.Active == active).ToList())
            .WithSummary("The routing rules (派单规则), retired ones too unless active=true.");
        routing.MapGet("/rules/{id:int}", (int id, OfficeDirectory directory) =>
            directory.Rules.FirstOrDefault(r => r.Id == id) ?? throw new NotFoundException("Routing rule", id));
        routing.MapPost("/rules", Create).Validate<RuleDetails>().RequireRoles(Roles.Admin)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Adds a rule: category × sub-category × region (or * anywhere) → lead office and co-handling offices, by priority. " +
                         "422 names an unknown office or sub-category with the valid ones.");
        routing.MapPut("/rules/{id:int}", Change).Validate<RuleDetails>().RequireRoles(Roles.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        routing.MapDelete("/rules/{id:int}", Retire).RequireRoles(Roles.Admin).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Retires a rule: it stops routing and stays readable, as the assignments it made name it.");
        routing.MapGet("/resolve", (Category category, string region, string? subCategory, OfficeDirectory directory) =>
                RoutingPreviews.Preview(new PreviewRouting(category, region, subCategory), directory))
            .WithSummary("Which offices a ticket of this category, sub-category and region would go to, and why.");
        routing.MapPost("/preview", RoutingPreviews.Preview).Validate<PreviewRouting>()
            .WithSummary("Which offices a described ticket would go to and why, or that it would wait for a dispatcher. Nothing is stored.");
        return app;
    }

    private static async Task<IResult> Create(RuleDetails request, HttpContext http, DispatchDbContext db, OfficeDirectory directory,
        IIntakeApi intake, CancellationToken cancellationToken)
    {
        var rule = RoutingRule.Create(await CheckedAsync(request, intake, cancellationToken), http.Actor(), db.Clock.GetUtcNow());
        OfficeEndpoints.EnsureWhole(directory, directory.Offices, directory.Rules.Append(rule));
        db.RoutingRules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        await directory.ReloadAsync(db, cancellationToken);
        return Results.Created($"routing/rules/{rule.Id}", rule);
    }

    private static async Task<RoutingRule> Change(int id, RuleDetails request, HttpContext http, DispatchDbContext db, OfficeDirectory directory,
        IIntakeApi intake, CancellationToken cancellationToken)
    {
        var rule = await db.RoutingRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw new NotFoundException("Routing rule", id);
        rule.Change(await CheckedAsync(request, intake, cancellationToken), http.Actor(), db.Clock.GetUtcNow());
        OfficeEndpoints.EnsureWhole(directory, directory.Offices, directory.Rules.Where(r => r.Id != id).Append(rule));
        await db.SaveChangesAsync(cancellationToken);
        await directory.ReloadAsync(db, cancellationToken);
        return rule;
    }

    private static async Task<RoutingRule> Retire(int id, HttpContext http, DispatchDbContext db, OfficeDirectory directory,
        CancellationToken cancellationToken)
    {
        var rule = await db.RoutingRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw new NotFoundException("Routing rule", id);
        rule.Retire(http.Actor(), db.Clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await directory.ReloadAsync(db, cancellationToken);
        return rule;
    }

    /// <summary>
    /// The rule with its codes trimmed, and its sub-category checked against intake's catalogue (intake owns it): a rule for
    /// a sub-category that does not exist would never match, and nobody would notice.
    /// </summary>
    private static async Task<RuleDetails> CheckedAsync(RuleDetails rule, IIntakeApi intake, CancellationToken cancellationToken)
    {
        rule = rule with
        {
            SubCategory = rule.SubCategory?.Trim(), Region = rule.Region.Trim(), LeadOffice = rule.LeadOffice.Trim(),
            CoHandlers = (rule.CoHandlers ?? []).Select(c => c.Trim()).ToList(), Why = rule.Why?.Trim(),
        };
        if (rule is not { Category: { } category, SubCategory: { } subCategory }) return rule;
        List<CatalogueCategoryView> catalogue;
        try
        {
            catalogue = await intake.GetCatalogueAsync(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or Refit.ApiException or TimeoutException or Polly.CircuitBreaker.BrokenCircuitException
                                      or Polly.Timeout.TimeoutRejectedException)
        {
            throw new DomainRuleException("Catalogue unavailable",
                "Intake, which owns the issue catalogue, cannot be asked whether the sub-category exists. Try again shortly.", StatusCodes.Status503ServiceUnavailable);
        }
        var valid = catalogue.FirstOrDefault(c => c.Category == category)?.SubCategories ?? [];
        var known = valid.FirstOrDefault(s => s.Code.Equals(subCategory, StringComparison.OrdinalIgnoreCase))
                    ?? throw new DomainRuleException("Unknown sub-category",
                        valid.Count == 0
                            ? $"{category} has no sub-categories; leave subCategory out."
                            : $"'{subCategory}' is not a sub-category of {category}. Valid sub-categories: {string.Join(", ", valid.Select(s => s.Code))}.",
                        StatusCodes.Status422UnprocessableEntity);
        return rule with { SubCategory = known.Code };
    }
}
