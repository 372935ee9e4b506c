using Microsoft.AspNetCore.Http;

namespace Ticketing.BuildingBlocks.Hosting;

public static class Actors
{
    /// <summary>Header naming who acts; the gateway sets it once sign-in exists.</summary>
    public const string Header = "X-User-Id";

    public static string Actor(this HttpContext http)
    {
        var user = http.Request.Headers[Header].ToString().Trim();
        return string.IsNullOrEmpty(user) ? "anonymous" : user[..Math.Min(user.Length, 100)];
    }
}
