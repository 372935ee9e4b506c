using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Localization;
using Ticketing.Reporting.Data;
using Ticketing.Reporting.Periods;

namespace Ticketing.Reporting.Offices;

/// <summary>
/// One office's figures in one week (from Monday, <see cref="From"/> to <see cref="To"/> not included): the trend figures of
/// the office report, counted exactly as that week's office report counts them.
/// </summary>
public sealed record WeekFigures(
    string From, string To,
    int SignedFor, double? SignedForOnTimeRate,
    int Completed, int CompletedOnTime, double? CompletedOnTimeRate,
    int Returns, int Reopens,
    int Answered, double? SatisfactionRate);

/// <summary>An office's weeks, one entry for every week of the series (zeros and nulls where nothing happened), oldest first.</summary>
public sealed record OfficeWeeks(string OfficeCode, string? OfficeName, IReadOnlyList<WeekFigures> Weeks);

/// <summary>The weekly series: its weeks, oldest first, and a row of weeks per office that had anything in any of them.</summary>
public sealed record WeeklyOfficeReport(string TimeZone, IReadOnlyList<ReportPeriod> Weeks, IReadOnlyList<OfficeWeeks> Offices);

/// <summary>
/// Per week per office, for the charts: each week is that week's office report (<see cref="OfficeReportQuery"/>), so a
/// week's point and the table of that week never disagree. Office staff get their own office's rows (and its sub-offices').
/// </summary>
public static class WeeklyOfficeReportQuery
{
    public static async Task<WeeklyOfficeReport> RunAsync(ReportingDbContext db, IReadOnlyList<ReportPeriod> weeks, string? office, string timeZone,
        Caller caller, CancellationToken cancellationToken)
    {
        var only = OfficeAsked(office, caller);
        var reports = new List<OfficeReport>(weeks.Count);
        foreach (var week in weeks)
            reports.Add(await OfficeReportQuery.RunAsync(db, week, timeZone, caller, cancellationToken));

        var offices = reports.SelectMany(r => r.Offices).GroupBy(o => o.OfficeCode, StringComparer.Ordinal)
            .Where(g => only is null || g.Key.Equals(only, StringComparison.OrdinalIgnoreCase))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new OfficeWeeks(g.Key, g.Select(o => o.OfficeName).LastOrDefault(n => n is not null),
                reports.Select(r => Week(r.Period, r.Offices.FirstOrDefault(o => o.OfficeCode == g.Key))).ToList()))
            .ToList();
        return new WeeklyOfficeReport(timeZone, weeks, offices);
    }

    private static WeekFigures Week(ReportPeriod week, OfficeFigures? figures) => figures is null
        ? new WeekFigures(week.From, week.To, 0, null, 0, 0, null, 0, 0, 0, null)
        : new WeekFigures(week.From, week.To, figures.SignedFor, figures.SignedForOnTimeRate, figures.Completed, figures.CompletedOnTime,
            figures.CompletedOnTimeRate, figures.Returns, figures.Reopens, figures.Answered, figures.SatisfactionRate);

    /// <summary>The one office asked for, if any: office staff may ask for their own office or a sub-office, no other (403).</summary>
    private static string? OfficeAsked(string? office, Caller caller)
    {
        if (string.IsNullOrWhiteSpace(office)) return null;
        var code = office.Trim();
        if (code.Length > 50)
            throw new DomainRuleException("Not an office code", new Phrase("An office code has at most {0} characters.", 50),
                StatusCodes.Status400BadRequest);
        return caller.Sees(code)
            ? code
            : throw new DomainRuleException("Not your office", new Phrase("You read the figures of {0} and its sub-offices, not of {1}.",
                caller.Office, code), StatusCodes.Status403Forbidden);
    }
}
