using Ticketing.Web.Api;

namespace Ticketing.Web.Reports;

/// <summary>
/// The reports as files for the browser: the console asks reporting for the file as the signed-in user (their token, through
/// the gateway) and hands it on as a download under reporting's own file name, so the page's export buttons are plain links
/// the browser saves by itself. A refusal (a bad date, another office's report) is handed on as reporting wrote it.
/// </summary>
public static class ReportFiles
{
    public const string Path = "/console/reports";

    /// <summary>The link to the office report's file over a week or month holding <paramref name="date"/>.</summary>
    public static string OfficesLink(string format, string period, string date) =>
        $"console/reports/offices/{format}?period={Uri.EscapeDataString(period)}&date={Uri.EscapeDataString(date)}";

    /// <summary>The link to the agent report's file of a day, or of one shift of it.</summary>
    public static string AgentsLink(string format, string date, string? shift) =>
        $"console/reports/agents/{format}?date={Uri.EscapeDataString(date)}" + (string.IsNullOrEmpty(shift) ? "" : $"&shift={Uri.EscapeDataString(shift)}");

    public static IEndpointRouteBuilder MapReportFiles(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup(Path).RequireAuthorization();
        files.MapGet("/offices/{format}", async (string format, string? period, string? date, IReportingClient reporting, HttpContext http) =>
            await HandOnAsync(await reporting.OfficesFileAsync(format, period ?? "", date ?? "", http.RequestAborted), http));
        files.MapGet("/agents/{format}", async (string format, string? date, string? shift, IReportingClient reporting, HttpContext http) =>
            await HandOnAsync(await reporting.AgentsFileAsync(format, date ?? "", shift, http.RequestAborted), http));
        return app;
    }

    private static async Task<IResult> HandOnAsync(HttpResponseMessage answer, HttpContext http)
    {
        http.Response.RegisterForDispose(answer);
        var type = answer.Content.Headers.ContentType?.ToString();
        if (!answer.IsSuccessStatusCode)
            return Results.Content(await answer.Content.ReadAsStringAsync(http.RequestAborted), type, statusCode: (int)answer.StatusCode);
        var name = answer.Content.Headers.ContentDisposition?.FileNameStar ?? answer.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? "report";
        return Results.File(await answer.Content.ReadAsStreamAsync(http.RequestAborted), type, name);
    }
}
