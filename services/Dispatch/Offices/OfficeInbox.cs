using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Localization;
using Ticketing.Dispatch.Assignments;
using Ticketing.Dispatch.Data;

namespace Ticketing.Dispatch.Offices;

/// <summary>An office's inbox (待办): the work assigned to it and to its sub-offices.</summary>
public static partial class OfficeInbox
{
    /// <summary>
    /// The orders the inbox takes: by assignment time, oldest first or (with '-') newest first; or by deadline, soonest
    /// first, work with no deadline running (paused, ended, not yet announced) last.
    /// </summary>
    public const string Oldest = "assignedAt", Newest = "-assignedAt", SoonestDue = "dueAt";

    private enum Order { Newest, Oldest, SoonestDue }

    /// <summary>
    /// <paramref name="dueBefore"/> keeps work whose deadline falls before that instant; <paramref name="overdue"/> true keeps
    /// work past its deadline, false the rest (in time, or no deadline running). Both read the deadline supervision announced.
    /// </summary>
    public static async Task<Page<AssignmentView>> List(string code, HttpContext http, DispatchDbContext db, OfficeDirectory offices,
        AssignmentStatus? status, DateTimeOffset? dueBefore, bool? overdue, string? sort, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var office = offices.Require(code);
        var caller = http.Caller();
        // Another office's inbox is answered as if it did not exist, as its assignments are.
        if (!caller.Sees(office.Code)) throw new NotFoundException("Office", code);
        var order = OrderOf(sort);
        // A local time names no instant, and the server's own zone is no answer.
        if (dueBefore is not null && !WithOffset().IsMatch(http.Request.Query[nameof(dueBefore)].ToString()))
            throw Refused(nameof(dueBefore), new Phrase("dueBefore must be an instant with its offset or Z, such as {0}.", "2026-12-01T10:00:00Z"));
        var paging = PageRequest.From(page, pageSize);

        var codes = offices.WithSubOffices(office.Code).ToList();
        var query = Select(db.Assignments.AsNoTracking().VisibleTo(caller), codes, status, dueBefore, overdue, db.Clock.GetUtcNow(), order);
        var found = await query.ToPageAsync(paging, cancellationToken);
        return new Page<AssignmentView>(found.Items.Select(a => AssignmentEndpoints.View(a, offices)).ToList(), found.PageNumber,
            found.PageSize, found.Total);
    }

    /// <summary>The offices' work, filtered and in order: an office's deadlines are read through its index (OfficeCode, DueAt).</summary>
    public static IQueryable<Assignment> Select(IQueryable<Assignment> assignments, IReadOnlyCollection<string> codes, AssignmentStatus? status,
        DateTimeOffset? dueBefore, bool? overdue, DateTimeOffset now, string? sort) =>
        Select(assignments, codes, status, dueBefore, overdue, now, OrderOf(sort));

    private static IQueryable<Assignment> Select(IQueryable<Assignment> assignments, IReadOnlyCollection<string> codes, AssignmentStatus? status,
        DateTimeOffset? dueBefore, bool? overdue, DateTimeOffset now, Order order)
    {
        var query = assignments.Where(a => codes.Contains(a.OfficeCode));
        if (status is not null) query = query.Where(a => a.Status == status);
        if (dueBefore is not null) query = query.Where(a => a.DueAt != null && a.DueAt < dueBefore);
        if (overdue is not null)
            query = overdue.Value ? query.Where(a => a.DueAt != null && a.DueAt < now) : query.Where(a => a.DueAt == null || a.DueAt >= now);
        // The id breaks ties between assignments of the same instant, so a page never repeats or skips one.
        return order switch
        {
            Order.Newest => query.OrderByDescending(a => a.AssignedAt).ThenByDescending(a => a.Id),
            Order.Oldest => query.OrderBy(a => a.AssignedAt).ThenBy(a => a.Id),
            _ => query.OrderBy(a => a.DueAt == null).ThenBy(a => a.DueAt).ThenBy(a => a.Id),
        };
    }

    private static Order OrderOf(string? sort) => sort?.Trim() switch
    {
        null or "" or Newest => Order.Newest,
        Oldest => Order.Oldest,
        SoonestDue => Order.SoonestDue,
        _ => throw Refused("sort",
            new Phrase("sort must be {0} (oldest first), {1} (newest first, the default) or {2} (soonest deadline first, none last).", Oldest,
                Newest, SoonestDue)),
    };

    private static DomainRuleException Refused(string parameter, Phrase why) =>
        new("Invalid inbox query", why, StatusCodes.Status400BadRequest) { Extensions = { ["parameter"] = parameter } };

    [GeneratedRegex(@"T.*(Z|z|[+-]\d\d(:?\d\d)?)$")]
    private static partial Regex WithOffset();
}
