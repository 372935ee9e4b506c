using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Dispatch.Assignments;
using Ticketing.Dispatch.Data;
using Ticketing.Dispatch.Dispatches;
using Ticketing.Dispatch.Events;
using Ticketing.Dispatch.Offices;

namespace Ticketing.UnitTests.Dispatch;

/// <summary>The workflow's dispatch requests: routed, directed by a supervisor, or queued for a dispatcher's hand.</summary>
public sealed class DispatchQueueTests : IDisposable
{
    private static readonly OfficeDirectory City = RoutingTests.City;
    private readonly TestDatabase<DispatchSqliteDbContext> _database = new();

    public void Dispose() => _database.Dispose();

    private static DispatchRequested Request(Guid? ticketId = null, string region = "XC", string? officeCode = null, bool byHand = false,
        string? reason = null) =>
        new(ticketId ?? Guid.NewGuid(), Guid.NewGuid(), "GD20261123-000001", Category.Complaint, Urgency.Normal, region, officeCode, byHand, reason);

    private async Task<EventOutcome> Deliver(DispatchRequested requested)
    {
        await using var db = _database.NewContext();
        var outcome = await new DispatchRequestedHandler(db, City, NullLogger<DispatchRequestedHandler>.Instance).HandleAsync(requested, default);
        await db.SaveChangesAsync();
        return outcome;
    }

    private async Task<EventOutcome> Deliver(WorkItemClosed closed)
    {
        await using var db = _database.NewContext();
        var outcome = await new WorkItemClosedHandler(db).HandleAsync(closed, default);
        await db.SaveChangesAsync();
        return outcome;
    }

    private async Task<DispatchRequest> Dispatch(Guid id)
    {
        await using var db = _database.NewContext();
        return await db.DispatchRequests.SingleAsync(d => d.Id == id);
    }

    private List<TicketAssigned> Announced() => _database.PublishedEvents().Where(e => e.Topic == "ticket.assigned")
        .Select(e => JsonSerializer.Deserialize<TicketAssigned>(e.Payload, EventJson.Options)!).ToList();

    [Fact]
    public async Task A_routed_request_is_assigned_at_once_and_announced_with_its_dispatch_id()
    {
        var requested = Request(region: "XC");
        Assert.Equal(EventOutcome.Handled, await Deliver(requested));

        var dispatch = await Dispatch(requested.DispatchId);
        Assert.Equal((DispatchStatus.Assigned, Dispatching.Automatic), (dispatch.Status, dispatch.AssignedBy));
        await using var db = _database.NewContext();
        var assignment = await db.Assignments.SingleAsync();
        Assert.Equal((requested.DispatchId, "SFS-XC", AssignmentStatus.Assigned), (assignment.DispatchId, assignment.OfficeCode, assignment.Status));
        Assert.Equal(assignment.Id, dispatch.AssignmentId);
        var announced = Assert.Single(Announced());
        Assert.Equal((requested.DispatchId, assignment.Id, "SFS-XC", "dispatch"),
            (announced.DispatchId, announced.AssignmentId, announced.OfficeCode, announced.AssignedBy));
    }

    [Fact]
    public async Task A_supervisors_direction_beats_the_routing_rules()
    {
        var requested = Request(region: "XC", officeCode: "SFS-ZJ", reason: "涉及住建，请住建局主办");
        await Deliver(requested);

        await using var db = _database.NewContext();
        var assignment = await db.Assignments.SingleAsync();
        Assert.Equal("SFS-ZJ", assignment.OfficeCode);
        Assert.Equal("Directed by a supervisor: 涉及住建，请住建局主办", assignment.RoutingReason);
        Assert.Equal(DispatchStatus.Assigned, (await Dispatch(requested.DispatchId)).Status);
        Assert.Equal("SFS-ZJ", Assert.Single(Announced()).OfficeCode);
    }

    [Fact]
    public async Task A_direction_to_an_unknown_office_waits_for_a_dispatcher_instead_of_being_routed()
    {
        var requested = Request(officeCode: "SFS-NOPE", reason: "typo");
        Assert.Equal(EventOutcome.Handled, await Deliver(requested));

        var dispatch = await Dispatch(requested.DispatchId);
        Assert.Equal((DispatchStatus.Queued, "SFS-NOPE"), (dispatch.Status, dispatch.DirectedOfficeCode));
        Assert.Empty(Announced());
    }

    [Fact]
    public async Task A_redispatch_after_a_return_waits_in_the_queue_until_a_dispatcher_assigns_it()
    {
        var ticketId = Guid.NewGuid();
        await Deliver(Request(ticketId, region: "XC"));
        var again = Request(ticketId, region: "XC", byHand: true, reason: "不属于本辖区");
        await Deliver(again);
        Assert.Equal(DispatchStatus.Queued, (await Dispatch(again.DispatchId)).Status);
        Assert.Single(Announced());

        _database.Clock.Advance(TimeSpan.FromMinutes(5));
        await using (var db = _database.NewContext())
        {
            var queued = await db.DispatchRequests.Where(d => d.Status == DispatchStatus.Queued).OrderBy(d => d.RequestedAt).ToListAsync();
            db.AssignTo(Assert.Single(queued), City.Require("sfs-dc"), [], "Dispatched by hand by dispatcher-1", "dispatcher-1");
            await db.SaveChangesAsync();
        }

        var dispatch = await Dispatch(again.DispatchId);
        Assert.Equal((DispatchStatus.Assigned, "dispatcher-1"), (dispatch.Status, dispatch.AssignedBy));
        await using var check = _database.NewContext();
        Assert.Equal(["SFS-DC", "SFS-XC"], check.Assignments.Where(a => a.TicketId == ticketId).Select(a => a.OfficeCode).AsEnumerable().Order());
        var byHand = Announced()[1];
        Assert.Equal((again.DispatchId, "SFS-DC", "dispatcher-1"), (byHand.DispatchId, byHand.OfficeCode, byHand.AssignedBy));
    }

    [Fact]
    public async Task The_same_request_delivered_again_assigns_once()
    {
        var requested = Request();
        Assert.Equal(EventOutcome.Handled, await Deliver(requested));
        Assert.Equal(EventOutcome.Handled, await Deliver(requested with { Id = Guid.NewGuid() })); // republished under a new event id

        await using var db = _database.NewContext();
        Assert.Single(db.DispatchRequests);
        Assert.Single(db.Assignments);
        Assert.Single(Announced());
    }

    [Fact]
    public async Task A_withdrawn_request_cannot_be_assigned_by_hand_and_says_why()
    {
        var requested = Request(byHand: true);
        await Deliver(requested);
        var closed = new WorkItemClosed(requested.TicketId, requested.DispatchId, WorkItemKind.Dispatch, WorkItemOutcome.Withdrawn,
            "Merged into GD20261123-000002");
        Assert.Equal(EventOutcome.Handled, await Deliver(closed));

        await using var db = _database.NewContext();
        var dispatch = await db.DispatchRequests.SingleAsync();
        Assert.Equal((DispatchStatus.Withdrawn, "Merged into GD20261123-000002"), (dispatch.Status, dispatch.ClosedReason));
        var refused = Assert.Throws<DomainRuleException>(() => db.AssignTo(dispatch, City.Require("SFS-DC"), [], "by hand", "dispatcher-1"));
        Assert.Equal(409, refused.StatusCode);
        Assert.Contains("withdrawn", refused.Message);
        Assert.Contains("Merged into GD20261123-000002", refused.Message);
        Assert.Contains(requested.Number, refused.Message);
        Assert.Empty(Announced());
    }

    [Fact]
    public async Task An_assigned_request_is_not_assigned_again()
    {
        var requested = Request();
        await Deliver(requested);
        await using var db = _database.NewContext();
        var dispatch = await db.DispatchRequests.SingleAsync();
        var refused = Assert.Throws<DomainRuleException>(() => db.AssignTo(dispatch, City.Require("SFS-DC"), [], "by hand", "dispatcher-1"));
        Assert.Equal(409, refused.StatusCode);
        Assert.Contains("assigned by dispatch", refused.Message);
    }

    [Fact]
    public void An_unknown_office_is_422_naming_the_valid_ones()
    {
        var unknown = Assert.Throws<DomainRuleException>(() => City.Require("SFS-NOPE"));
        Assert.Equal(422, unknown.StatusCode);
        Assert.Contains("SFS-DC-DH", unknown.Message);
    }

    [Fact]
    public async Task Closing_an_assigned_request_leaves_it_assigned()
    {
        var requested = Request();
        await Deliver(requested);
        await Deliver(new WorkItemClosed(requested.TicketId, requested.DispatchId, WorkItemKind.Dispatch, WorkItemOutcome.Done, "assigned"));
        await Deliver(new WorkItemClosed(requested.TicketId, requested.DispatchId, WorkItemKind.Dispatch, WorkItemOutcome.Withdrawn, "late"));
        var dispatch = await Dispatch(requested.DispatchId);
        Assert.Equal((DispatchStatus.Assigned, null), (dispatch.Status, dispatch.ClosedReason));
    }

    [Fact]
    public async Task A_close_that_arrives_before_its_request_waits_for_it()
    {
        var requested = Request(byHand: true);
        var closed = new WorkItemClosed(requested.TicketId, requested.DispatchId, WorkItemKind.Dispatch, WorkItemOutcome.Superseded, "moved on");
        Assert.Equal(EventOutcomeKind.WaitForEarlierStep, (await Deliver(closed)).Kind);

        await Deliver(requested);
        Assert.Equal(EventOutcome.Handled, await Deliver(closed));
        Assert.Equal(DispatchStatus.Withdrawn, (await Dispatch(requested.DispatchId)).Status);
    }

    [Fact]
    public async Task Work_items_kept_elsewhere_are_not_dispatchs_business()
    {
        var closed = new WorkItemClosed(Guid.NewGuid(), Guid.NewGuid(), WorkItemKind.HandlingCase, WorkItemOutcome.Withdrawn, "closed");
        Assert.Equal(EventOutcome.Handled, await Deliver(closed));
    }
}
