using FluentValidation.TestHelper;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Intake.Data;
using Ticketing.Intake.Events;
using Ticketing.Intake.Tickets;

namespace Ticketing.UnitTests.Intake;

/// <summary>Resolution at first contact, decisions the workflow could not apply, and escalation as agents see it.</summary>
public sealed class DecisionTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-23T01:00:00Z");

    private static Ticket Received(Urgency urgency = Urgency.Normal) => Ticket.Register(
        new RegisterTicket(Channel.Phone, Category.Consultation, urgency, "公积金提取咨询", "怎样提取公积金", "李四", "13800138000", "DC"),
        "GD20261123-000001", "agent-1", Now);

    [Fact]
    public void A_received_ticket_answered_during_the_call_stays_received_for_the_workflow_to_decide()
    {
        var ticket = Received();
        ticket.ResolveAtFirstContact(" 携带身份证到公积金中心办理 ", "agent-1", Now);
        Assert.Equal(("携带身份证到公积金中心办理", TicketState.Received, "agent-1", Now),
            (ticket.FirstContactAnswer, ticket.Status, ticket.DecidedBy, ticket.DecidedAt));

        var accept = Assert.Throws<DomainRuleException>(() => ticket.Accept("agent-2", Now));
        Assert.Equal(409, accept.StatusCode);
        Assert.Contains("resolved at first contact", accept.Message);
    }

    [Fact]
    public void Only_an_undecided_received_ticket_can_be_resolved_at_first_contact()
    {
        var accepted = Received();
        accepted.Accept("agent-1", Now);
        Assert.Equal(409, Assert.Throws<DomainRuleException>(() => accepted.ResolveAtFirstContact("answer", "agent-1", Now)).StatusCode);
        Assert.Null(accepted.FirstContactAnswer);

        var merged = Received();
        merged.ApplyLifecycleState(TicketState.Merged, 2);
        Assert.Equal(409, Assert.Throws<DomainRuleException>(() => merged.ResolveAtFirstContact("answer", "agent-1", Now)).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad\u0000answer")]
    public void A_first_contact_answer_is_validated(string answer) =>
        new ResolveTicketValidator().TestValidate(new ResolveTicket(answer)).ShouldHaveValidationErrorFor(r => r.Answer);

    [Fact]
    public void A_first_contact_answer_may_span_lines_up_to_4000_characters()
    {
        var validator = new ResolveTicketValidator();
        validator.TestValidate(new ResolveTicket("第一步：\n\t携带身份证")).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new ResolveTicket(new string('答', 4001))).ShouldHaveValidationErrorFor(r => r.Answer);
    }

    [Fact]
    public async Task A_superseded_registration_tells_agents_why_their_decision_did_not_take_effect()
    {
        using var database = new TestDatabase<IntakeSqliteDbContext>();
        var ticket = Received();
        var closed = new WorkItemClosed(ticket.Id, ticket.Id, WorkItemKind.Registration, WorkItemOutcome.Superseded,
            "Merged into GD20261123-000002 before it was accepted");

        Assert.Equal(EventOutcomeKind.WaitForEarlierStep, (await Deliver(database, closed)).Kind);
        await using (var db = database.NewContext())
        {
            ticket.Accept("agent-1", Now);
            db.Tickets.Add(ticket);
            await db.SaveChangesAsync();
        }
        Assert.Equal(EventOutcome.Handled, await Deliver(database, closed));
        Assert.Equal(EventOutcome.Handled, await Deliver(database, closed)); // redelivered
        Assert.Equal(EventOutcome.Handled, await Deliver(database, closed with { Outcome = WorkItemOutcome.Done, Reason = "accepted" }));

        await using var check = database.NewContext();
        var stored = await check.Tickets.FindAsync(ticket.Id);
        Assert.Equal(("Merged into GD20261123-000002 before it was accepted", 1), (stored!.DecisionSupersededReason, stored.Version));
        var again = Assert.Throws<DomainRuleException>(() => stored.Reject("duplicate", "agent-2", Now));
        Assert.Contains("did not take effect", again.Message);
    }

    [Fact]
    public async Task Work_items_other_than_the_registration_and_an_offices_are_not_intakes_business()
    {
        using var database = new TestDatabase<IntakeSqliteDbContext>();
        foreach (var kind in new[] { WorkItemKind.Dispatch, WorkItemKind.Review, WorkItemKind.CallbackTask, WorkItemKind.SupervisorDecision })
        {
            var closed = new WorkItemClosed(Guid.NewGuid(), Guid.NewGuid(), kind, WorkItemOutcome.Superseded, "merged");
            Assert.Equal(EventOutcome.Handled, await Deliver(database, closed)); // handled without a ticket here to look for
        }
    }

    [Fact]
    public async Task Escalation_raises_the_urgency_and_never_lowers_it()
    {
        using var database = new TestDatabase<IntakeSqliteDbContext>();
        var ticket = Received(Urgency.Urgent);
        await using (var db = database.NewContext())
        {
            db.Tickets.Add(ticket);
            await db.SaveChangesAsync();
        }

        TicketEscalated Escalated(Urgency from, Urgency to) => new(ticket.Id, ticket.Number, from, to, "老人被困", "agent-2");
        Assert.Equal(EventOutcome.Handled, await Deliver(database, Escalated(Urgency.Urgent, Urgency.Critical)));
        Assert.Equal(EventOutcome.Handled, await Deliver(database, Escalated(Urgency.Urgent, Urgency.Critical))); // redelivered
        Assert.Equal(EventOutcome.Handled, await Deliver(database, Escalated(Urgency.Normal, Urgency.Urgent)));   // an older one, late

        await using var check = database.NewContext();
        var stored = await check.Tickets.FindAsync(ticket.Id);
        Assert.Equal((Urgency.Critical, 1), (stored!.Urgency, stored.Version));
    }

    [Fact]
    public void An_escalation_to_a_lower_or_equal_urgency_changes_nothing()
    {
        var ticket = Received(Urgency.Urgent);
        Assert.False(ticket.Escalate(Urgency.Normal));
        Assert.False(ticket.Escalate(Urgency.Urgent));
        Assert.True(ticket.Escalate(Urgency.Critical));
        Assert.Equal(Urgency.Critical, ticket.Urgency);
    }

    private static async Task<EventOutcome> Deliver(TestDatabase<IntakeSqliteDbContext> database, WorkItemClosed closed)
    {
        await using var db = database.NewContext();
        var outcome = await new WorkItemClosedHandler(db).HandleAsync(closed, default);
        await db.SaveChangesAsync();
        return outcome;
    }

    private static async Task<EventOutcome> Deliver(TestDatabase<IntakeSqliteDbContext> database, TicketEscalated escalated)
    {
        await using var db = database.NewContext();
        var outcome = await new TicketEscalatedHandler(db).HandleAsync(escalated, default);
        await db.SaveChangesAsync();
        return outcome;
    }
}
