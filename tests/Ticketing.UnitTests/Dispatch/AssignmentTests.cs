using FluentValidation.TestHelper;
using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Dispatch.Assignments;
using Ticketing.Dispatch.Data;
using Ticketing.Dispatch.Events;

namespace Ticketing.UnitTests.Dispatch;

/// <summary>The office's answers to an assignment (签收 / 退回) and the workflow closing it.</summary>
public sealed class AssignmentTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-23T01:00:00Z");

    private static Assignment AtDongcheng() => Assignment.Create(Guid.NewGuid(), Guid.NewGuid(), "GD20261123-000001", Category.Complaint,
        Urgency.Normal, "DC", "SFS-DC", "jurisdiction over region DC", Now);

    [Fact]
    public void Only_the_assigned_office_signs_and_only_once()
    {
        var assignment = AtDongcheng();
        Assert.Equal(403, Assert.Throws<DomainRuleException>(() => assignment.SignFor("SFS-XC", "clerk", Now)).StatusCode);
        assignment.SignFor("sfs-dc", "clerk", Now);
        Assert.Equal(409, Assert.Throws<DomainRuleException>(() => assignment.SignFor("SFS-DC", "clerk", Now)).StatusCode);
    }

    [Fact]
    public void Only_the_assigned_office_returns_it_with_a_reason_while_it_waits()
    {
        var assignment = AtDongcheng();
        int Refused(string office, ReturnReason code, string reason) =>
            Assert.Throws<DomainRuleException>(() => assignment.Return(office, code, reason, "clerk", Now)).StatusCode;
        Assert.Equal(403, Refused("SFS-XC", ReturnReason.NotOurJurisdiction, "不属于本辖区"));
        Assert.Equal(422, Refused("SFS-DC", ReturnReason.NotOurJurisdiction, "  "));
        Assert.Equal(422, Refused("SFS-DC", (ReturnReason)99, "不属于本辖区"));
        Assert.Equal((AssignmentStatus.Assigned, null), (assignment.Status, assignment.ReturnReasonCode));

        assignment.Return("SFS-DC", ReturnReason.NotOurJurisdiction, " 不属于本辖区，应由西城区处理 ", "clerk", Now);
        Assert.Equal((AssignmentStatus.Returned, ReturnReason.NotOurJurisdiction, "不属于本辖区，应由西城区处理", "clerk", Now),
            (assignment.Status, assignment.ReturnReasonCode, assignment.ReturnReason, assignment.ReturnedBy, assignment.ReturnedAt));

        var again = Assert.Throws<DomainRuleException>(() => assignment.Return("SFS-DC", ReturnReason.Other, "again", "clerk", Now));
        Assert.Equal(409, again.StatusCode);
        var sign = Assert.Throws<DomainRuleException>(() => assignment.SignFor("SFS-DC", "clerk", Now));
        Assert.Equal(409, sign.StatusCode);
        Assert.Contains("returned by clerk", sign.Message);
        Assert.Contains("不属于本辖区", sign.Message);
    }

    [Fact]
    public void A_signed_assignment_cannot_be_returned()
    {
        var assignment = AtDongcheng();
        assignment.SignFor("SFS-DC", "clerk", Now);
        var refused = Assert.Throws<DomainRuleException>(() => assignment.Return("SFS-DC", ReturnReason.Other, "too much work", "clerk", Now));
        Assert.Equal(409, refused.StatusCode);
        Assert.Contains("signed for by clerk", refused.Message);
    }

    [Theory]
    [InlineData("SFS-DC", ReturnReason.Other, "", "Reason")]
    [InlineData("SFS-DC", ReturnReason.Other, "bad\u0007bell", "Reason")]
    [InlineData("", ReturnReason.NotOurJurisdiction, "不属于本辖区", "OfficeCode")]
    [InlineData("SFS-DC", (ReturnReason)99, "不属于本辖区", "ReasonCode")]
    public void A_return_is_validated(string officeCode, ReturnReason code, string reason, string invalidField) =>
        new ReturnAssignmentValidator().TestValidate(new ReturnAssignment(officeCode, code, reason))
            .ShouldHaveValidationErrorFor(invalidField);

    [Fact]
    public void A_return_reason_may_span_lines_up_to_500_characters()
    {
        var validator = new ReturnAssignmentValidator();
        validator.TestValidate(new ReturnAssignment("SFS-DC", ReturnReason.Other, "第一行\n第二行\t说明")).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new ReturnAssignment("SFS-DC", ReturnReason.Other, new string('退', 501))).ShouldHaveValidationErrorFor(r => r.Reason);
    }

    [Fact]
    public void A_withdrawal_ends_only_an_assignment_still_waiting_on_its_office()
    {
        var waiting = AtDongcheng();
        Assert.True(waiting.Close(WorkItemOutcome.Withdrawn, "Closed early by a supervisor", Now));
        Assert.Equal((AssignmentStatus.Withdrawn, "Closed early by a supervisor"), (waiting.Status, waiting.ClosedReason));
        var sign = Assert.Throws<DomainRuleException>(() => waiting.SignFor("SFS-DC", "clerk", Now));
        Assert.Equal(409, sign.StatusCode);
        Assert.Contains("withdrawn", sign.Message);
        Assert.Contains("Closed early by a supervisor", sign.Message);

        var signed = AtDongcheng();
        signed.SignFor("SFS-DC", "clerk", Now);
        Assert.False(signed.Close(WorkItemOutcome.Withdrawn, "late", Now));
        Assert.False(signed.Close(WorkItemOutcome.Done, "signed", Now));
        Assert.Equal((AssignmentStatus.Signed, null), (signed.Status, signed.ClosedReason));
    }

    [Fact]
    public void A_superseded_assignment_says_why_the_offices_step_did_not_take_effect()
    {
        var signed = AtDongcheng();
        signed.SignFor("SFS-DC", "clerk", Now);
        Assert.True(signed.Close(WorkItemOutcome.Superseded, "The ticket was merged before it was signed for", Now));
        Assert.Equal((AssignmentStatus.Superseded, "The ticket was merged before it was signed for"), (signed.Status, signed.ClosedReason));
        Assert.Equal("clerk", signed.SignedBy); // what the office did stays on record

        var returned = AtDongcheng();
        returned.Return("SFS-DC", ReturnReason.NotOurJurisdiction, "不属于本辖区", "clerk", Now);
        Assert.True(returned.Close(WorkItemOutcome.Superseded, "Returns reached their limit", Now));
        Assert.Equal(AssignmentStatus.Superseded, returned.Status);
        Assert.Contains("Returns reached their limit", Assert.Throws<DomainRuleException>(() => returned.SignFor("SFS-DC", "clerk", Now)).Message);
    }

    [Fact]
    public async Task A_close_is_applied_once_and_waits_for_an_assignment_not_here_yet()
    {
        using var database = new TestDatabase<DispatchSqliteDbContext>();
        var assignment = AtDongcheng();
        var closed = new WorkItemClosed(assignment.TicketId, assignment.Id, WorkItemKind.Assignment, WorkItemOutcome.Superseded, "merged");

        async Task<EventOutcome> Deliver()
        {
            await using var db = database.NewContext();
            var outcome = await new WorkItemClosedHandler(db).HandleAsync(closed, default);
            await db.SaveChangesAsync();
            return outcome;
        }

        Assert.Equal(EventOutcomeKind.WaitForEarlierStep, (await Deliver()).Kind);
        await using (var db = database.NewContext())
        {
            db.Assignments.Add(assignment);
            await db.SaveChangesAsync();
        }
        Assert.Equal(EventOutcome.Handled, await Deliver());
        database.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(EventOutcome.Handled, await Deliver()); // redelivered

        await using var check = database.NewContext();
        var stored = await check.Assignments.SingleAsync();
        Assert.Equal((AssignmentStatus.Superseded, "merged", database.Clock.GetUtcNow().AddHours(-1), 1),
            (stored.Status, stored.ClosedReason, stored.ClosedAt, stored.Version));
    }
}
