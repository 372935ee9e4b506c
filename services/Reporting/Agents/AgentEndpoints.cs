using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Access;
using Ticketing.Reporting.Data;
using Ticketing.Reporting.Exports;
using Ticketing.Reporting.Periods;

namespace Ticketing.Reporting.Agents;

public static class AgentEndpoints
{
    private const string PeriodHelp =
        "date (a hotline date such as 2026-11-30) and, optionally, shift (as configured in Reporting:Shifts: day 08:00–16:00, " +
        "evening 16:00–24:00, night 00:00–08:00 by default); without a shift, the whole day.";

    public static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder app)
    {
        // The shift leader (supervisor), specialists and admins read every agent; an agent reads their own row.
        var agents = app.MapGroup("/agents").WithTags("Agent figures")
            .RequireRoles(Roles.Agent, Roles.Specialist, Roles.Supervisor, Roles.Admin).ProducesProblem(StatusCodes.Status400BadRequest);
        agents.MapGet("/", Report)
            .WithSummary("Per agent over a day or shift: registered, resolved at first contact, callbacks, unreachable, satisfaction, complaints.")
            .WithDescription(PeriodHelp + " marks names the figures where the row is the highest or the lowest of the report.");
        agents.MapGet("/export", Export).Produces(StatusCodes.Status200OK, typeof(byte[]), ReportExport.CsvType, ReportExport.XlsxType)
            .WithSummary("The agent report as a file: format=csv or xlsx (default), with the same date and shift.")
            .WithDescription(PeriodHelp);
        return app;
    }

    private static Task<AgentReport> Report(string? date, string? shift, HttpContext http, ReportingDbContext db, HotlineTime time,
        IOptions<ReportingOptions> options, CancellationToken cancellationToken) =>
        AgentReportQuery.RunAsync(db, time.DayOrShift(date, shift), options.Value.TimeZone, http.Caller(), cancellationToken);

    private static async Task<IResult> Export(string? format, string? date, string? shift, HttpContext http, ReportingDbContext db,
        HotlineTime time, IOptions<ReportingOptions> options, CancellationToken cancellationToken)
    {
        var kind = ReportExport.FormatOf(format);
        var span = time.DayOrShift(date, shift);
        var report = await AgentReportQuery.RunAsync(db, span, options.Value.TimeZone, http.Caller(), cancellationToken);
        return await ReportExport.FileAsync(ReportExport.Rows(report), kind, $"agents-{span.From}{(span.Shift is null ? "" : "-" + span.Shift)}",
            cancellationToken);
    }
}
