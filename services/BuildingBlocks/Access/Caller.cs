using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Localization;

namespace Ticketing.BuildingBlocks.Access;

/// <summary>
/// Who is calling, as their validated access token says: the user (or machine client) id, display name, the role
/// they act in and, for office staff, their office. Nothing about the caller is read from anything else.
/// </summary>
public sealed record Caller(string Id, string Name, string Role, string? Office)
{
    public bool IsIn(params string[] roles) => roles.Contains(Role, StringComparer.Ordinal);

    /// <summary>Office staff see their office's work and its sub-offices' only; everyone else sees all.</summary>
    public bool Sees(string? officeCode) => Role != Roles.Office || OfficeScope.Covers(Office, officeCode);

    /// <summary>The office a command acts for, if the caller may act for it (403 otherwise); office staff never act for another.</summary>
    public string ActsFor(string officeCode) => Sees(officeCode)
        ? officeCode
        : throw new DomainRuleException("Not your office", new Phrase("You act for {0}, not for {1}.", Office, officeCode), StatusCodes.Status403Forbidden);
}

public static class CallerClaims
{
    public const string Subject = "sub", Name = "name", UserName = "preferred_username", RoleClaim = "role", Office = "office";

    /// <summary>The caller of this request (read from the token once); only endpoints that require a signed-in caller ask.</summary>
    public static Caller Caller(this HttpContext http)
    {
        if (http.Items[typeof(Caller)] is Caller known) return known;
        var caller = http.User.ToCaller() ?? throw new InvalidOperationException("The endpoint reads its caller but does not require sign-in.");
        http.Items[typeof(Caller)] = caller;
        return caller;
    }

    public static Caller? ToCaller(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        var id = user.FindFirstValue(UserName) ?? user.FindFirstValue(Subject);
        if (string.IsNullOrWhiteSpace(id)) return null;
        var role = Roles.All.FirstOrDefault(r => user.HasClaim(RoleClaim, r)) ?? "";
        var office = user.FindFirstValue(Office);
        return new Caller(Clip(id), Clip(user.FindFirstValue(Name) ?? id), role, string.IsNullOrWhiteSpace(office) ? null : Clip(office));
    }

    /// <summary>Who acted, as the timelines and audit lines record it.</summary>
    public static string Actor(this HttpContext http) => http.Caller().Id;

    /// <summary>The role the caller acts in.</summary>
    public static string Role(this HttpContext http) => http.Caller().Role;

    private static string Clip(string value) => value.Trim()[..Math.Min(value.Trim().Length, 100)];
}

/// <summary>The roles of design.md: who may do what is decided against these names (the tokens' role claims).</summary>
public static class Roles
{
    public const string Agent = "agent";
    public const string Dispatcher = "dispatcher";
    public const string Office = "office";
    public const string Specialist = "specialist";
    public const string Supervisor = "supervisor";

    /// <summary>Keeps the reference data: offices, routing rules, policies, calendars and users.</summary>
    public const string Admin = "admin";

    /// <summary>Another Ticketing service asking with its machine token (client credentials).</summary>
    public const string Service = "service";

    /// <summary>The workflow's own durable timers.</summary>
    public const string Timer = "timer";

    public static IReadOnlyList<string> All { get; } = [Agent, Dispatcher, Office, Specialist, Supervisor, Admin, Service, Timer];

    /// <summary>The people who work the hotline, office staff aside.</summary>
    public static readonly string[] CallCentre = [Agent, Dispatcher, Specialist, Supervisor, Admin];
}
