namespace Ticketing.Launcher;

/// <summary>An app is usable once it answers <c>/health/ready</c> (its database migrated), not merely once its process runs.</summary>
internal static class Readiness
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    public static async Task<bool> IsReadyAsync(Uri appUrl, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(appUrl, "health/ready"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false; // not listening yet
        }
    }
}
