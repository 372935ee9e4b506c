using Ticketing.BuildingBlocks.Access;
using Microsoft.AspNetCore.Identity;
using Ticketing.BuildingBlocks.Hosting;

namespace Ticketing.Identity.Users;

/// <summary>Someone who signs in: agent, dispatcher, office staff (with the office they work for), specialist, supervisor or admin.</summary>
public sealed class TicketingUser : IdentityUser
{
    public const int UserNameLength = 50, DisplayNameLength = 100, OfficeCodeLength = 40, ActorLength = 100;

    /// <summary>The name shown on screens and timelines, e.g. 东城区承办员 李娜.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The office (承办单位) an office staff member acts for, e.g. SFS-DC-DH; null for everyone else.</summary>
    public string? OfficeCode { get; set; }

    /// <summary>When an admin disabled the account: it may no longer sign in. Users are never deleted, as timelines and audit lines name them.</summary>
    public DateTimeOffset? DisabledAt { get; private set; }

    public string? DisabledBy { get; private set; }

    /// <summary>The last admin change (creation, roles, office, disabling), for the audit; null for users only the seed touched.</summary>
    public DateTimeOffset? ChangedAt { get; private set; }

    public string? ChangedBy { get; private set; }

    public bool IsDisabled => DisabledAt is not null;

    /// <summary>A person an admin adds; roles and password are Identity's to store.</summary>
    public static TicketingUser Enrol(string userName, string displayName, string? officeCode, string by, DateTimeOffset now) =>
        new() { UserName = userName, DisplayName = displayName, OfficeCode = officeCode, ChangedBy = by, ChangedAt = now };

    public void Describe(string displayName, string? officeCode, string by, DateTimeOffset now) =>
        (DisplayName, OfficeCode, ChangedBy, ChangedAt) = (displayName, officeCode, by, now);

    /// <summary>Disabling twice keeps the first time and admin: the account has been closed since then.</summary>
    public void Disable(string by, DateTimeOffset now)
    {
        if (IsDisabled) return;
        (DisabledAt, DisabledBy, ChangedBy, ChangedAt) = (now, by, by, now);
    }

    public void Enable(string by, DateTimeOffset now)
    {
        if (!IsDisabled) return;
        (DisabledAt, DisabledBy, ChangedBy, ChangedAt) = (null, null, by, now);
    }
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
