using Ticketing.BuildingBlocks.Access;
using Microsoft.AspNetCore.Identity;
using Ticketing.BuildingBlocks.Hosting;

namespace Ticketing.Identity.Users;

/// <summary>Someone who signs in: agent, dispatcher, office staff (with the office they work for), specialist, supervisor or admin.</summary>
public sealed class TicketingUser : IdentityUser
{
    public const int DisplayNameLength = 100, OfficeCodeLength = 40;

    /// <summary>The name shown on screens and timelines, e.g. 东城区承办员 李娜.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The office (承办单位) an office staff member acts for, e.g. SFS-DC-DH; null for everyone else.</summary>
    public string? OfficeCode { get; set; }
}

/// <summary>The roles a person can hold (the workflow's timer is no person).</summary>
public static class UserRoles
{
    public static IReadOnlyList<string> All { get; } = [Roles.Agent, Roles.Dispatcher, Roles.Office, Roles.Specialist, Roles.Supervisor, Roles.Admin];
}

/// <summary>The claim types of this system's tokens besides the standard ones.</summary>
public static class TicketingClaims
{
    /// <summary>The office code of office staff.</summary>
    public const string Office = "office";
}
