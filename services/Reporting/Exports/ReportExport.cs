using System.Globalization;
using Microsoft.AspNetCore.Http;
using MiniExcelLibs;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Localization;
using Ticketing.Reporting.Agents;
using Ticketing.Reporting.Offices;

namespace Ticketing.Reporting.Exports;

/// <summary>
/// A report as a file, written by MiniExcel (CSV or xlsx): one row per office or agent, the columns named as the JSON
/// names the figures; an agent's marks are one column ("satisfactionRate: highest; complaints: lowest").
/// </summary>
public static class ReportExport
{
    public const string Csv = "csv", Xlsx = "xlsx";
    public const string CsvType = "text/csv", XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string FormatOf(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or Xlsx => Xlsx,
        Csv => Csv,
        _ => throw new DomainRuleException("Unknown format", new Phrase("format is csv or xlsx, not '{0}'.", format.Length > 30 ? format[..30] : format),
            StatusCodes.Status400BadRequest),
    };

    public static async Task<IResult> FileAsync(IEnumerable<IDictionary<string, object?>> rows, string format, string name,
        CancellationToken cancellationToken)
    {
        var stream = new MemoryStream();
        await MiniExcel.SaveAsAsync(stream, rows.ToList(), sheetName: "report",
            excelType: format == Csv ? ExcelType.CSV : ExcelType.XLSX, cancellationToken: cancellationToken);
        stream.Position = 0;
        return format == Csv
            ? Results.File(stream, CsvType + "; charset=utf-8", $"{name}.csv")
            : Results.File(stream, XlsxType, $"{name}.xlsx");
    }

    public static IEnumerable<IDictionary<string, object?>> Rows(OfficeReport report) => report.Offices.Select(o => new Dictionary<string, object?>
    {
        ["officeCode"] = o.OfficeCode,
        ["officeName"] = o.OfficeName,
        ["assigned"] = o.Assigned,
        ["signedFor"] = o.SignedFor,
        ["signedForOnTime"] = o.SignedForOnTime,
        ["signedForOnTimeRate"] = o.SignedForOnTimeRate,
        ["completed"] = o.Completed,
        ["completedOnTime"] = o.CompletedOnTime,
        ["completedOnTimeRate"] = o.CompletedOnTimeRate,
        ["returns"] = o.Returns,
        ["reopens"] = o.Reopens,
        ["answered"] = o.Answered,
        ["satisfied"] = o.Satisfied,
        ["basicallySatisfied"] = o.BasicallySatisfied,
        ["unsatisfied"] = o.Unsatisfied,
        ["satisfactionRate"] = o.SatisfactionRate,
        ["averageHandlingHours"] = o.AverageHandlingHours,
        ["measuredCases"] = o.MeasuredCases,
        ["pendingHours"] = o.PendingHours,
        ["breaches"] = o.Breaches,
        ["openBreaches"] = o.OpenBreaches,
    });

    public static IEnumerable<IDictionary<string, object?>> Rows(AgentReport report) => report.Agents.Select(a => new Dictionary<string, object?>
    {
        ["agentId"] = a.AgentId,
        ["registered"] = a.Registered,
        ["resolvedAtFirstContact"] = a.ResolvedAtFirstContact,
        ["firstContactResolutionRate"] = a.FirstContactResolutionRate,
        ["callbacksDone"] = a.CallbacksDone,
        ["unreachable"] = a.Unreachable,
        ["unreachableRate"] = a.UnreachableRate,
        ["answered"] = a.Answered,
        ["satisfied"] = a.Satisfied,
        ["basicallySatisfied"] = a.BasicallySatisfied,
        ["unsatisfied"] = a.Unsatisfied,
        ["satisfactionRate"] = a.SatisfactionRate,
        ["complaints"] = a.Complaints,
        ["marks"] = string.Join("; ", a.Marks.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key}: {m.Value}"))),
    });
}
