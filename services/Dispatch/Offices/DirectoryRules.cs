using Ticketing.BuildingBlocks.Access;
using Ticketing.Dispatch.Routing;

namespace Ticketing.Dispatch.Offices;

/// <summary>
/// What keeps the directory whole, checked alike on the city's data file at first start and on every admin change
/// (against the directory as it would be after the change).
/// </summary>
public static class DirectoryRules
{
    public static List<string> ProblemsOf(IReadOnlyCollection<Office> offices, IReadOnlyCollection<RoutingRule> rules)
    {
        var problems = new List<string>();
        var byCode = new Dictionary<string, Office>(StringComparer.OrdinalIgnoreCase);
        foreach (var office in offices)
            if (!byCode.TryAdd(office.Code, office)) problems.Add($"Office code {office.Code} is used twice.");

        foreach (var office in offices.Where(o => o.Parent is not null))
        {
            if (!byCode.ContainsKey(office.Parent!))
                problems.Add($"Office {office.Code} names parent {office.Parent}, which is not an office.");
            // Every service scopes office staff by code (OfficeScope), without asking dispatch for the tree.
            else if (!OfficeScope.Covers(office.Parent!, office.Code))
                problems.Add($"Office {office.Code} must extend its parent's code: {office.Parent}-….");
        }
        foreach (var office in offices.Where(o => !TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _)))
            problems.Add($"Office {office.Code} names time zone '{office.TimeZone}', which is not an IANA time zone (e.g. Asia/Shanghai).");
        foreach (var region in offices.SelectMany(o => o.Regions.Select(r => (Region: r, o.Code))).GroupBy(x => x.Region, StringComparer.OrdinalIgnoreCase)
                     .Where(g => g.Count() > 1))
            problems.Add($"Region {region.Key} is under more than one office's jurisdiction: {string.Join(", ", region.Select(x => x.Code))}.");

        foreach (var rule in rules)
        {
            var name = rule.Id == 0 ? "The rule" : $"Rule {rule.Id}";
            foreach (var code in rule.CoHandlers.Prepend(rule.LeadOffice).Where(code => !byCode.ContainsKey(code)))
                problems.Add($"{name} names office {code}, which is not an office.");
            if (rule.CoHandlers.Contains(rule.LeadOffice, StringComparer.OrdinalIgnoreCase))
                problems.Add($"{name} names {rule.LeadOffice} as lead and as co-handler.");
            if (rule.CoHandlers.Distinct(StringComparer.OrdinalIgnoreCase).Count() != rule.CoHandlers.Count)
                problems.Add($"{name} names a co-handling office twice.");
            if (rule.SubCategory is not null && rule.Category is null)
                problems.Add($"{name} names a sub-category without its category.");
        }
        return problems;
    }
}
