using Microsoft.AspNetCore.Http;

namespace Ticketing.BuildingBlocks.Hosting;

public static class Actors
{
    /// <summary>Header naming who acts; the gateway sets it once sign-in exists.</summary>
    public const string Header = "X-User-Id";

    /// <summary>Header naming the role the actor acts in (agent, dispatcher, office, specialist, supervisor, admin).</summary>
    public const string RoleHeader = "X-User-Role";

    /// <summary>The role a caller acts in; an agent when none is named, the least a call centre user can be.</summary>
    public static string Role(this HttpContext http)
    {
        var role = http.Request.Headers[RoleHeader].ToString().Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(role) ? Roles.Agent : role[..Math.Min(role.Length, 40)];
    }

    public static string Actor(this HttpContext http)
    {
        var user = http.Request.Headers[Header].ToString().Trim();
        return string.IsNullOrEmpty(user) ? "anonymous" : user[..Math.Min(user.Length, 100)];
    }
}

/// <summary>The roles of design.md: who may do what is decided against these names.</summary>
public static class Roles
{
    public const string Agent = "agent";
    public const string Dispatcher = "dispatcher";
    public const string Office = "office";
    public const string Specialist = "specialist";
    public const string Supervisor = "supervisor";

    /// <summary>Keeps the reference data: offices, routing rules, policies, calendars and users.</summary>
    public const string Admin = "admin";

    /// <summary>The workflow's own durable timers.</summary>
    public const string Timer = "timer";

    public static IReadOnlyList<string> All { get; } = [Agent, Dispatcher, Office, Specialist, Supervisor, Admin, Timer];
}
