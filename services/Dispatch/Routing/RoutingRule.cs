using Ticketing.BuildingBlocks.Data;
using Ticketing.Contracts;

namespace Ticketing.Dispatch.Routing;

/// <summary>
/// 派单规则: tickets of <see cref="Category"/> and <see cref="SubCategory"/> (any when null) from <see cref="Region"/> or a region under it
/// ("*" = anywhere) go to <see cref="LeadOffice"/> (主办), with <see cref="CoHandlers"/> (协办) each given a part. Rules are retired, never
/// deleted, so an assignment's routing reason always points at a rule that can be read.
/// </summary>
public sealed class RoutingRule : IVersioned
{
    public const string Anywhere = "*";
    public const int WhyLength = 300, SubCategoryLength = 40, RegionLength = 20, MaxCoHandlers = 5;

    public int Id { get; private set; }
    public Category? Category { get; private set; }
    public string? SubCategory { get; private set; }
    public string Region { get; private set; } = Anywhere;
    public string LeadOffice { get; private set; } = "";
    public List<string> CoHandlers { get; private set; } = [];

    /// <summary>Higher wins; among equals the more specific rule wins (sub-category, then category, then the nearer region).</summary>
    public int Priority { get; private set; }

    public string? Why { get; private set; }
    public bool Active { get; private set; } = true;
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public int Version { get; set; }

    private RoutingRule() { }

    public static RoutingRule Create(RuleDetails details, string by, DateTimeOffset now)
    {
        var rule = new RoutingRule();
        rule.Change(details, by, now);
        return rule;
    }

    public void Change(RuleDetails details, string by, DateTimeOffset now)
    {
        (Category, SubCategory, Region, LeadOffice) = (details.Category, details.SubCategory, details.Region, details.LeadOffice);
        CoHandlers = [.. details.CoHandlers ?? []];
        (Priority, Why, Active) = (details.Priority, details.Why, details.Active);
        (UpdatedBy, UpdatedAt) = (by, now);
    }

    public void Retire(string by, DateTimeOffset now) => (Active, UpdatedBy, UpdatedAt) = (false, by, now);

    public RuleDetails Details => new(Region, LeadOffice, Category, SubCategory, CoHandlers, Priority, Why, Active);
}

/// <summary>A rule as the admin writes it and as the sample city's data file holds it.</summary>
public sealed record RuleDetails(
    string Region, string LeadOffice, Category? Category = null, string? SubCategory = null, IReadOnlyList<string>? CoHandlers = null,
    int Priority = 0, string? Why = null, bool Active = true);
