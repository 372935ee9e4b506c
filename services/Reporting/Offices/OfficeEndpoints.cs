using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Access;
using Ticketing.Reporting.Data;
using Ticketing.Reporting.Exports;
using Ticketing.Reporting.Periods;

namespace Ticketing.Reporting.Offices;

public static class OfficeEndpoints
{
    private const string PeriodHelp =
        "The period: from and to (hotline dates, to not included, at most 366 days), or period=day|week|month with a date in it " +
        "(weeks start on Monday). Events count by when they happened, in the hotline's time zone (Reporting:TimeZone).";

    public static IEndpointRouteBuilder MapOfficeEndpoints(this IEndpointRouteBuilder app)
    {
        // Office staff read their own office's rows (and its sub-offices'); the call centre's leads read every office.
        var offices = app.MapGroup("/offices").WithTags("Office figures")
            .RequireRoles(Roles.Office, Roles.Specialist, Roles.Supervisor, Roles.Admin).ProducesProblem(StatusCodes.Status400BadRequest);
        offices.MapGet("/", Report)
            .WithSummary("Per office: assigned, signed for on time, completed on time, returns, reopens, satisfaction, handling hours, breaches.")
            .WithDescription(PeriodHelp + " pendingHours counts completed cases whose working hours supervision has not measured yet.");
        offices.MapGet("/weekly", Weekly).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Per week per office, for charts: on-time rates, satisfaction, returns and reopens of each of the last weeks.")
            .WithDescription("weeks (1–26, default 8) weeks from Monday, the last holding date (a hotline date; default today), oldest first; " +
                             "office (optional) keeps one office's row. Each week counts as the office report of that week (period=week). " +
                             "Every office row has an entry for every week, zeros and nulls where nothing happened.");
        offices.MapGet("/export", Export).Produces(StatusCodes.Status200OK, typeof(byte[]), ReportExport.CsvType, ReportExport.XlsxType)
            .WithSummary("The office report as a file: format=csv or xlsx (default), with the same period parameters.")
            .WithDescription(PeriodHelp);
        return app;
    }

    private static Task<OfficeReport> Report(string? from, string? to, string? period, string? date, HttpContext http, ReportingDbContext db,
        HotlineTime time, IOptions<ReportingOptions> options, CancellationToken cancellationToken) =>
        OfficeReportQuery.RunAsync(db, time.Between(from, to, period, date), options.Value.TimeZone, http.Caller(), cancellationToken);

    private static Task<WeeklyOfficeReport> Weekly(int? weeks, string? date, string? office, HttpContext http, ReportingDbContext db,
        HotlineTime time, IOptions<ReportingOptions> options, CancellationToken cancellationToken) =>
        WeeklyOfficeReportQuery.RunAsync(db, time.WeeksUpTo(weeks, date, db.Clock.GetUtcNow()), office, options.Value.TimeZone, http.Caller(),
            cancellationToken);

    private static async Task<IResult> Export(string? format, string? from, string? to, string? period, string? date, HttpContext http,
        ReportingDbContext db, HotlineTime time, IOptions<ReportingOptions> options, CancellationToken cancellationToken)
    {
        var kind = ReportExport.FormatOf(format);
        var span = time.Between(from, to, period, date);
        var report = await OfficeReportQuery.RunAsync(db, span, options.Value.TimeZone, http.Caller(), cancellationToken);
        return await ReportExport.FileAsync(ReportExport.Rows(report), kind, $"offices-{span.From}-{span.To}", cancellationToken);
    }
}
