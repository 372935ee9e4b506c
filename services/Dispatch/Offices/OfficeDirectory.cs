using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Localization;
using Ticketing.Contracts;
using Ticketing.Dispatch.Data;
using Ticketing.Dispatch.Routing;

namespace Ticketing.Dispatch.Offices;

/// <summary>Where a ticket goes: the lead office, the co-handling offices, and the rule that decided it.</summary>
public sealed record RoutingDecision(Office Lead, IReadOnlyList<Office> CoHandlers, string Reason, int? RuleId);

/// <summary>
/// The office tree and routing rules as the database holds them, kept in memory because every dispatch and every
/// inbox reads them. Admin changes reload it at once; a timer reloads it too, so other instances of the service
/// follow within <see cref="DirectoryRefresh.Interval"/>.
/// </summary>
public sealed class OfficeDirectory
{
    private volatile Snapshot _snapshot = new([], []);

    public OfficeDirectory() { }

    public OfficeDirectory(IEnumerable<Office> offices, IEnumerable<RoutingRule> rules) => _snapshot = new Snapshot(offices, rules);

    public async Task ReloadAsync(DispatchDbContext db, CancellationToken cancellationToken)
    {
        var offices = await db.Offices.AsNoTracking().ToListAsync(cancellationToken);
        var rules = await db.RoutingRules.AsNoTracking().ToListAsync(cancellationToken);
        _snapshot = new Snapshot(offices, rules);
    }

    public IReadOnlyList<Office> Offices => _snapshot.Offices;

    public IReadOnlyList<RoutingRule> Rules => _snapshot.Rules;

    public Office? Find(string code) => _snapshot.ByCode.GetValueOrDefault(code.Trim());

    /// <summary>The active office a request names; 422 naming the valid codes when there is none.</summary>
    public Office Require(string code) => Find(code) is { Active: true } office
        ? office
        : throw new DomainRuleException("Unknown office",
            new Phrase("'{0}' is not an active office. Valid offices: {1}.", code, string.Join(", ", _snapshot.Offices.Where(o => o.Active).Select(o => o.Code))),
            StatusCodes.Status422UnprocessableEntity);

    /// <summary>
    /// The active rule for this category, sub-category and region (or a region above it) with the highest priority;
    /// among equals the most specific: the matter first (sub-category, then category), then the nearest region.
    /// Null when no rule matches: the ticket waits for a dispatcher.
    /// </summary>
    public RoutingDecision? Route(Category category, string? subCategory, string regionCode)
    {
        var snapshot = _snapshot;
        var regions = RegionChain(regionCode.Trim()).ToList();
        var rule = snapshot.Rules
            .Where(r => r.Active && (r.Category is null || r.Category == category)
                        && (r.SubCategory is null || string.Equals(r.SubCategory, subCategory, StringComparison.OrdinalIgnoreCase))
                        && regions.Contains(r.Region, StringComparer.OrdinalIgnoreCase)
                        && snapshot.ByCode.GetValueOrDefault(r.LeadOffice) is { Active: true })
            .OrderByDescending(r => r.Priority)
            .ThenByDescending(r => r.SubCategory is not null)
            .ThenByDescending(r => r.Category is not null)
            .ThenBy(r => regions.FindIndex(region => string.Equals(region, r.Region, StringComparison.OrdinalIgnoreCase)))
            .ThenBy(r => r.Id)
            .FirstOrDefault();
        if (rule is null) return null;

        var coHandlers = rule.CoHandlers.Select(code => snapshot.ByCode.GetValueOrDefault(code))
            .OfType<Office>().Where(o => o.Active && !string.Equals(o.Code, rule.LeadOffice, StringComparison.OrdinalIgnoreCase)).ToList();
        var scope = $"{rule.Category?.ToString() ?? "any category"}{(rule.SubCategory is null ? "" : $"/{rule.SubCategory}")} × " +
                    (rule.Region == RoutingRule.Anywhere ? "any region" : $"region {rule.Region}");
        return new RoutingDecision(snapshot.ByCode[rule.LeadOffice], coHandlers, $"Rule {rule.Id} ({scope}): {rule.Why ?? "routing rule"}", rule.Id);
    }

    /// <summary>Why nothing matched, for the dispatchers' queue.</summary>
    public static string NoRouteReason(Category category, string? subCategory, string regionCode) =>
        $"No active routing rule covers {category}{(subCategory is null ? "" : $"/{subCategory}")} in region {regionCode}: a dispatcher chooses the office.";

    /// <summary>The office and every office below it in the tree.</summary>
    public IReadOnlySet<string> WithSubOffices(string code)
    {
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { code };
        bool grew;
        do
        {
            grew = false;
            foreach (var office in _snapshot.Offices.Where(o => o.Parent is not null && found.Contains(o.Parent) && !found.Contains(o.Code)))
                grew |= found.Add(office.Code);
        } while (grew);
        return found;
    }

    /// <summary>The region, the regions above it ("DC-DH" → "DC"), then anywhere.</summary>
    public static IEnumerable<string> RegionChain(string region)
    {
        for (var current = region; !string.IsNullOrEmpty(current); current = current.Contains('-') ? current[..current.LastIndexOf('-')] : "")
            yield return current;
        yield return RoutingRule.Anywhere;
    }

    private sealed class Snapshot
    {
        public Snapshot(IEnumerable<Office> offices, IEnumerable<RoutingRule> rules)
        {
            Offices = offices.OrderBy(o => o.Code, StringComparer.Ordinal).ToList();
            Rules = rules.OrderBy(r => r.Id).ToList();
            ByCode = Offices.ToDictionary(o => o.Code, StringComparer.OrdinalIgnoreCase);
        }

        public IReadOnlyList<Office> Offices { get; }
        public IReadOnlyList<RoutingRule> Rules { get; }
        public Dictionary<string, Office> ByCode { get; }
    }
}

/// <summary>Reloads the directory now and then, so a change made through another instance of dispatch reaches this one.</summary>
public sealed class DirectoryRefresh(IServiceScopeFactory scopes, OfficeDirectory directory, TimeProvider clock, ILogger<DirectoryRefresh> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await directory.ReloadAsync(scope.ServiceProvider.GetRequiredService<DispatchDbContext>(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The office directory could not be reloaded; the last one read stays in use");
            }
        }
    }
}
