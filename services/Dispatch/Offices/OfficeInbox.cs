using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Localization;
using Ticketing.Dispatch.Assignments;
using Ticketing.Dispatch.Data;

namespace Ticketing.Dispatch.Offices;

/// <summary>An office's inbox (待办): the work assigned to it and to its sub-offices.</summary>
public static class OfficeInbox
{
    /// <summary>The orders the inbox takes: by assignment time, oldest first or (with '-') newest first.</summary>
    public const string Oldest = "assignedAt", Newest = "-assignedAt";

    public static async Task<Page<AssignmentView>> List(string code, HttpContext http, DispatchDbContext db, OfficeDirectory offices,
        AssignmentStatus? status, string? sort, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var office = offices.Require(code);
        var caller = http.Caller();
        // Another office's inbox is answered as if it did not exist, as its assignments are.
        if (!caller.Sees(office.Code)) throw new NotFoundException("Office", code);
        var newestFirst = NewestFirst(sort);
        var paging = PageRequest.From(page, pageSize);

        var codes = offices.WithSubOffices(office.Code).ToList();
        var query = db.Assignments.AsNoTracking().VisibleTo(caller).Where(a => codes.Contains(a.OfficeCode));
        if (status is not null) query = query.Where(a => a.Status == status);
        // The id breaks ties between assignments of the same instant, so a page never repeats or skips one.
        var ordered = newestFirst
            ? query.OrderByDescending(a => a.AssignedAt).ThenByDescending(a => a.Id)
            : query.OrderBy(a => a.AssignedAt).ThenBy(a => a.Id);
        var found = await ordered.ToPageAsync(paging, cancellationToken);
        return new Page<AssignmentView>(found.Items.Select(a => AssignmentEndpoints.View(a, offices)).ToList(), found.PageNumber,
            found.PageSize, found.Total);
    }

    private static bool NewestFirst(string? sort) => sort?.Trim() switch
    {
        null or "" => true,
        Newest => true,
        Oldest => false,
        _ => throw new DomainRuleException("Invalid sort",
            new Phrase("sort must be {0} (oldest first) or {1} (newest first, the default).", Oldest, Newest), StatusCodes.Status400BadRequest),
    };
}
