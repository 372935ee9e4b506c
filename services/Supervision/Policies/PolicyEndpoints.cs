using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Validation;
using Ticketing.Contracts;
using Ticketing.Supervision.Data;

namespace Ticketing.Supervision.Policies;

/// <summary>A policy as shown: limits in working minutes; <see cref="Source"/> is <c>default</c> (configuration) or <c>set</c> (an admin's).</summary>
public sealed record PolicyView(Category Category, Urgency Urgency, int SignForMinutes, int HandlingMinutes, int CallbackMinutes, int YellowPercent,
    int RedPercent, bool NaturalTime, string Source)
{
    public static PolicyView Of(Policy p) => new(p.Category, p.Urgency, (int)p.SignFor.TotalMinutes, (int)p.Handling.TotalMinutes,
        (int)p.Callback.TotalMinutes, p.YellowPercent, p.RedPercent, p.NaturalTime, p.IsDefault ? "default" : "set");
}

public sealed record SetPolicy(int SignForMinutes, int HandlingMinutes, int CallbackMinutes, int? YellowPercent = null, int? RedPercent = null,
    bool? NaturalTime = null);

public sealed class SetPolicyValidator : AbstractValidator<SetPolicy>
{
    public const int MaxMinutes = 1_000_000;

    public SetPolicyValidator()
    {
        RuleFor(p => p.SignForMinutes).InclusiveBetween(1, MaxMinutes);
        RuleFor(p => p.HandlingMinutes).InclusiveBetween(1, MaxMinutes);
        RuleFor(p => p.CallbackMinutes).InclusiveBetween(1, MaxMinutes);
        RuleFor(p => p.YellowPercent).InclusiveBetween(1, 99).When(p => p.YellowPercent is not null);
        RuleFor(p => p.RedPercent).InclusiveBetween(1, 99).When(p => p.RedPercent is not null);
        RuleFor(p => p).Must(p => (p.YellowPercent ?? 75) < (p.RedPercent ?? 90))
            .WithName("redPercent").WithMessage("'Yellow Percent' must be below 'Red Percent' (defaults 75 and 90).");
    }
}

public static class PolicyEndpoints
{
    public static IEndpointRouteBuilder MapPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        var policies = app.MapGroup("/policies").WithTags("SLA policies").RequireRoles([.. Roles.CallCentre, Roles.Office]);
        policies.MapGet("/", List).WithSummary("The policy of every category × urgency: sign-for, handling and callback limits in working minutes, " +
                                               "warning thresholds, natural time; source 'default' (configuration) or 'set' (an admin's).");
        var admin = policies.MapGroup("").RequireRoles(Roles.Admin);
        admin.MapPut("/{category}/{urgency}", Set).Validate<SetPolicy>()
            .WithSummary("Sets the policy of a category × urgency (admin); clocks started from now on take it, running clocks keep theirs.");
        admin.MapDelete("/{category}/{urgency}", Reset).WithSummary("Returns a category × urgency to the configured default (admin).");
        return app;
    }

    private static async Task<List<PolicyView>> List(SupervisionDbContext db, SlaPolicies policies, CancellationToken cancellationToken)
    {
        var set = await db.Policies.AsNoTracking().ToListAsync(cancellationToken);
        return [.. from category in Enum.GetValues<Category>()
            from urgency in Enum.GetValues<Urgency>()
            select PolicyView.Of(set.FirstOrDefault(p => p.Category == category && p.Urgency == urgency)?.ToPolicy() ?? policies.Default(category, urgency))];
    }

    private static async Task<PolicyView> Set(Category category, Urgency urgency, SetPolicy request, HttpContext http, SupervisionDbContext db,
        SlaPolicies policies, CancellationToken cancellationToken)
    {
        var defaults = policies.Default(category, urgency);
        var setting = await db.Policies.FirstOrDefaultAsync(p => p.Category == category && p.Urgency == urgency, cancellationToken);
        if (setting is null) db.Policies.Add(setting = PolicySetting.For(category, urgency));
        setting.Set(request.SignForMinutes, request.HandlingMinutes, request.CallbackMinutes, request.YellowPercent ?? defaults.YellowPercent,
            request.RedPercent ?? defaults.RedPercent, request.NaturalTime ?? defaults.NaturalTime, http.Actor(), db.Clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return PolicyView.Of(setting.ToPolicy());
    }

    private static async Task<PolicyView> Reset(Category category, Urgency urgency, SupervisionDbContext db, SlaPolicies policies,
        CancellationToken cancellationToken)
    {
        if (await db.Policies.FirstOrDefaultAsync(p => p.Category == category && p.Urgency == urgency, cancellationToken) is { } setting)
        {
            db.Policies.Remove(setting);
            await db.SaveChangesAsync(cancellationToken);
        }
        return PolicyView.Of(policies.Default(category, urgency));
    }
}
