using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Access;
using Ticketing.Reporting.Data;
using Ticketing.Reporting.Offices;
using Ticketing.Reporting.Periods;

namespace Ticketing.Reporting.Agents;

/// <summary>
/// One agent's figures over a day or a shift (the shift leader's summary). <see cref="Marks"/> names, per figure, whether
/// this row holds the highest or the lowest value among the agents of the report (ties share a mark; a figure every
/// agent has alike, or only one agent has, is marked for nobody).
/// </summary>
public sealed record AgentFigures(
    string AgentId,
    int Registered, int ResolvedAtFirstContact, double? FirstContactResolutionRate,
    int CallbacksDone, int Unreachable, double? UnreachableRate,
    int Answered, int Satisfied, int BasicallySatisfied, int Unsatisfied, double? SatisfactionRate,
    int Complaints,
    IReadOnlyDictionary<string, string> Marks);

public sealed record AgentReport(string TimeZone, ReportPeriod Period, IReadOnlyList<AgentFigures> Agents);

/// <summary>Counts the agent figures from the facts, in the hotline's time.</summary>
public static class AgentReportQuery
{
    public const string Highest = "highest", Lowest = "lowest";

    /// <summary>The figures that are marked, by the names the JSON gives them.</summary>
    public static readonly IReadOnlyList<(string Name, Func<AgentFigures, double?> Value)> MarkedFigures =
    [
        ("registered", a => a.Registered),
        ("firstContactResolutionRate", a => a.FirstContactResolutionRate),
        ("callbacksDone", a => a.CallbacksDone),
        ("unreachableRate", a => a.UnreachableRate),
        ("satisfactionRate", a => a.SatisfactionRate),
        ("complaints", a => a.Complaints),
    ];

    public static async Task<AgentReport> RunAsync(ReportingDbContext db, ReportPeriod period, string timeZone, Caller? caller,
        CancellationToken cancellationToken)
    {
        var (start, end) = (period.StartsAt, period.EndsAt);
        var received = await db.Tickets.AsNoTracking().Where(t => t.ReceivedAt >= start && t.ReceivedAt < end).ToListAsync(cancellationToken);
        var done = await db.CallbacksDone.AsNoTracking().Where(d => d.DoneAt >= start && d.DoneAt < end).ToListAsync(cancellationToken);
        var unreachable = await db.Tickets.AsNoTracking().Where(t => t.ClosedUnreachableAt >= start && t.ClosedUnreachableAt < end)
            .Select(t => new { t.TicketId, t.ClosedUnreachableAt }).ToListAsync(cancellationToken);
        var unreachableTickets = unreachable.Select(u => u.TicketId).ToList();
        var attempts = await db.FailedAttempts.AsNoTracking().Where(f => unreachableTickets.Contains(f.TicketId)).ToListAsync(cancellationToken);
        // The agent whose attempt was the last before the workflow gave up on reaching the customer.
        var unreachableBy = unreachable
            .Select(u => attempts.Where(f => f.TicketId == u.TicketId && f.FailedAt <= u.ClosedUnreachableAt).MaxBy(f => (f.FailedAt, f.Attempt))
                         ?? attempts.Where(f => f.TicketId == u.TicketId).MaxBy(f => (f.FailedAt, f.Attempt)))
            .OfType<Facts.CallbackAttemptFailed>().Select(f => f.AgentId).ToList();

        var answers = await db.Answers.AsNoTracking().Where(a => a.AnsweredAt >= start && a.AnsweredAt < end).ToListAsync(cancellationToken);
        var answeredTickets = answers.Select(a => a.TicketId).Distinct().ToList();
        var registeredBy = await db.Tickets.AsNoTracking().Where(t => answeredTickets.Contains(t.TicketId) && t.ReceivedBy != null)
            .ToDictionaryAsync(t => t.TicketId, t => t.ReceivedBy!, cancellationToken);

        var agents = received.Select(t => t.ReceivedBy).Concat(received.Select(t => t.ConcernedStaff)).Concat(done.Select(d => d.AgentId))
            .Concat(unreachableBy).Concat(answers.Select(a => registeredBy.GetValueOrDefault(a.TicketId)))
            .OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

        var rows = agents.Select(agent =>
        {
            var registered = received.Where(t => t.ReceivedBy == agent).ToList();
            var resolved = registered.Count(t => t.ResolvedAtFirstContactAt is not null);
            var callbacks = done.Count(d => d.AgentId == agent);
            var gaveUp = unreachableBy.Count(a => a == agent);
            var verdicts = answers.Where(a => registeredBy.GetValueOrDefault(a.TicketId) == agent).ToList();
            return new AgentFigures(agent, registered.Count, resolved, Rate.Of(resolved, registered.Count),
                callbacks, gaveUp, Rate.Of(gaveUp, callbacks + gaveUp),
                verdicts.Count, verdicts.Count(v => v.Satisfaction == Contracts.Satisfaction.Satisfied),
                verdicts.Count(v => v.Satisfaction == Contracts.Satisfaction.BasicallySatisfied),
                verdicts.Count(v => v.Satisfaction == Contracts.Satisfaction.Unsatisfied), Rate.Of(verdicts.Count(v => v.Content), verdicts.Count),
                received.Count(t => t.ConcernedStaff == agent), new Dictionary<string, string>());
        }).ToList();

        rows = Mark(rows);
        // An agent reads their own row (marked among everyone's); the call centre's leads read every row.
        if (caller is { Role: Roles.Agent }) rows = rows.Where(r => r.AgentId == caller.Id).ToList();
        return new AgentReport(timeZone, period, rows);
    }

    /// <summary>Marks the highest and lowest value of each figure among the rows that have one.</summary>
    public static List<AgentFigures> Mark(List<AgentFigures> rows)
    {
        var marks = rows.ToDictionary(r => r.AgentId, _ => new Dictionary<string, string>(StringComparer.Ordinal));
        foreach (var (name, value) in MarkedFigures)
        {
            var valued = rows.Where(r => value(r) is not null).ToList();
            if (valued.Count < 2) continue;
            var (max, min) = (valued.Max(value), valued.Min(value));
            if (max == min) continue;
            foreach (var row in valued)
            {
                if (value(row) == max) marks[row.AgentId][name] = Highest;
                else if (value(row) == min) marks[row.AgentId][name] = Lowest;
            }
        }
        return rows.Select(r => r with { Marks = marks[r.AgentId] }).ToList();
    }
}
