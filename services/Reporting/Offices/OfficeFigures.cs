using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Access;
using Ticketing.Reporting.Data;
using Ticketing.Reporting.Facts;
using Ticketing.Reporting.Periods;

namespace Ticketing.Reporting.Offices;

/// <summary>
/// One office's figures over a period. Counts are of what happened in the period (assigned, signed for, completed,
/// returned, reopened, answered, breached); rates are 0–1 to four places, null when nothing was counted.
/// </summary>
public sealed record OfficeFigures(
    string OfficeCode, string? OfficeName,
    int Assigned, int SignedFor, int SignedForOnTime, double? SignedForOnTimeRate,
    int Completed, int CompletedOnTime, double? CompletedOnTimeRate,
    int Returns, int Reopens,
    int Answered, int Satisfied, int BasicallySatisfied, int Unsatisfied, double? SatisfactionRate,
    double? AverageHandlingHours, int MeasuredCases, int PendingHours,
    int Breaches, int OpenBreaches);

/// <summary>The office report: the period asked for (hotline dates and the instants they stand for) and a row per office.</summary>
public sealed record OfficeReport(string TimeZone, ReportPeriod Period, IReadOnlyList<OfficeFigures> Offices, int PendingHours);

/// <summary>Counts the office figures from the facts, in the hotline's time.</summary>
public static class OfficeReportQuery
{
    public static async Task<OfficeReport> RunAsync(ReportingDbContext db, ReportPeriod period, string timeZone, Caller? caller,
        CancellationToken cancellationToken)
    {
        var (start, end) = (period.StartsAt, period.EndsAt);
        var assignments = await db.Assignments.AsNoTracking()
            .Where(a => (a.AssignedAt >= start && a.AssignedAt < end) || (a.SignedAt >= start && a.SignedAt < end)
                        || (a.ReturnedAt >= start && a.ReturnedAt < end))
            .ToListAsync(cancellationToken);
        var cases = await db.HandlingCases.AsNoTracking()
            .Where(c => (c.CompletedAt >= start && c.CompletedAt < end) || (c.RequestedAt >= start && c.RequestedAt < end && c.Reopens > 0))
            .ToListAsync(cancellationToken);
        var answers = await db.Answers.AsNoTracking().Where(a => a.AnsweredAt >= start && a.AnsweredAt < end).ToListAsync(cancellationToken);
        var breachesRaised = await db.Breaches.AsNoTracking().Where(b => b.BreachedAt >= start && b.BreachedAt < end && b.WithdrawnAt == null)
            .ToListAsync(cancellationToken);

        // On time: no standing breach on the work item's clock, whenever that breach was raised.
        var itemIds = assignments.Select(a => a.AssignmentId).Concat(cases.Select(c => c.CaseId)).ToList();
        var breached = (await db.Breaches.AsNoTracking().Where(b => itemIds.Contains(b.WorkItemId) && b.WithdrawnAt == null)
                .Select(b => new { b.WorkItemId, b.Clock }).ToListAsync(cancellationToken))
            .Select(b => (b.WorkItemId, b.Clock)).ToHashSet();

        var answeredOffice = await OfficeOfAnswersAsync(db, answers, cancellationToken);
        var openBreaches = await StillOpenAsync(db, breachesRaised, cancellationToken);
        var names = await db.OfficeNames.AsNoTracking().ToDictionaryAsync(o => o.OfficeCode, o => o.Name, cancellationToken);

        var offices = assignments.Select(a => a.OfficeCode).Concat(cases.Select(c => c.OfficeCode))
            .Concat(answeredOffice.Values.OfType<string>()).Concat(breachesRaised.Select(b => b.OfficeCode))
            .Distinct(StringComparer.Ordinal).Where(office => caller is null || caller.Sees(office)).Order(StringComparer.Ordinal);

        var rows = offices.Select(office =>
        {
            var its = assignments.Where(a => a.OfficeCode == office).ToList();
            var signed = its.Where(a => period.Holds(a.SignedAt)).ToList();
            var signedOnTime = signed.Count(a => !breached.Contains((a.AssignmentId, BreachFact.SignForClock)));
            var completed = cases.Where(c => c.OfficeCode == office && period.Holds(c.CompletedAt)).ToList();
            var completedOnTime = completed.Count(c => !breached.Contains((c.CaseId, BreachFact.HandlingClock)));
            var measured = completed.Where(c => c.WorkingMinutes is not null).ToList();
            var verdicts = answers.Where(a => answeredOffice.GetValueOrDefault(a.ResponseId) == office).ToList();
            var raised = breachesRaised.Where(b => b.OfficeCode == office).ToList();
            return new OfficeFigures(office, names.GetValueOrDefault(office),
                its.Count(a => period.Holds(a.AssignedAt)), signed.Count, signedOnTime, Rate.Of(signedOnTime, signed.Count),
                completed.Count, completedOnTime, Rate.Of(completedOnTime, completed.Count),
                its.Count(a => period.Holds(a.ReturnedAt)),
                cases.Count(c => c.OfficeCode == office && c.IsReopen && period.Holds(c.RequestedAt)),
                verdicts.Count, verdicts.Count(v => v.Satisfaction == Contracts.Satisfaction.Satisfied),
                verdicts.Count(v => v.Satisfaction == Contracts.Satisfaction.BasicallySatisfied),
                verdicts.Count(v => v.Satisfaction == Contracts.Satisfaction.Unsatisfied), Rate.Of(verdicts.Count(v => v.Content), verdicts.Count),
                measured.Count == 0 ? null : Math.Round(measured.Average(c => c.WorkingMinutes!.Value) / 60.0, 2), measured.Count,
                completed.Count - measured.Count,
                raised.Count, raised.Count(openBreaches.Contains));
        }).ToList();
        return new OfficeReport(timeZone, period, rows, rows.Sum(r => r.PendingHours));
    }

    /// <summary>
    /// The office a verdict is about: the one whose handling of the ticket was completed last before the answer (its reply
    /// was what the customer judged), else the ticket's last lead office. Answers on tickets no office handled belong to none.
    /// </summary>
    private static async Task<Dictionary<Guid, string?>> OfficeOfAnswersAsync(ReportingDbContext db, List<SatisfactionAnswer> answers,
        CancellationToken cancellationToken)
    {
        var tickets = answers.Select(a => a.TicketId).Distinct().ToList();
        var completions = await db.HandlingCases.AsNoTracking().Where(c => tickets.Contains(c.TicketId) && c.CompletedAt != null)
            .Select(c => new { c.TicketId, c.OfficeCode, c.CompletedAt }).ToListAsync(cancellationToken);
        var leads = await db.Assignments.AsNoTracking().Where(a => tickets.Contains(a.TicketId) && a.AssignedAt != null)
            .Select(a => new { a.TicketId, a.OfficeCode, a.AssignedAt }).ToListAsync(cancellationToken);
        return answers.ToDictionary(a => a.ResponseId, a =>
            completions.Where(c => c.TicketId == a.TicketId && c.CompletedAt <= a.AnsweredAt).MaxBy(c => c.CompletedAt)?.OfficeCode
            ?? completions.Where(c => c.TicketId == a.TicketId).MaxBy(c => c.CompletedAt)?.OfficeCode
            ?? leads.Where(l => l.TicketId == a.TicketId).MaxBy(l => l.AssignedAt)?.OfficeCode);
    }

    /// <summary>Breaches whose work item is still undone and whose ticket is still open.</summary>
    private static async Task<HashSet<BreachFact>> StillOpenAsync(ReportingDbContext db, List<BreachFact> breaches, CancellationToken cancellationToken)
    {
        var items = breaches.Select(b => b.WorkItemId).ToList();
        var tickets = breaches.Select(b => b.TicketId).Distinct().ToList();
        var doneAssignments = (await db.Assignments.AsNoTracking().Where(a => items.Contains(a.AssignmentId) && (a.SignedAt != null || a.ReturnedAt != null))
            .Select(a => a.AssignmentId).ToListAsync(cancellationToken)).ToHashSet();
        var doneCases = (await db.HandlingCases.AsNoTracking().Where(c => items.Contains(c.CaseId) && c.CompletedAt != null)
            .Select(c => c.CaseId).ToListAsync(cancellationToken)).ToHashSet();
        var ended = (await db.Tickets.AsNoTracking().Where(t => tickets.Contains(t.TicketId) && t.EndedAt != null)
            .Select(t => t.TicketId).ToListAsync(cancellationToken)).ToHashSet();
        return breaches.Where(b => !doneAssignments.Contains(b.WorkItemId) && !doneCases.Contains(b.WorkItemId) && !ended.Contains(b.TicketId))
            .ToHashSet();
    }
}

public static class Rate
{
    /// <summary>A share from 0 to 1 to four places; null when there is nothing to share.</summary>
    public static double? Of(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}
