using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.FollowUp.Attachments;
using Ticketing.FollowUp.Cases;
using Ticketing.FollowUp.Data;

namespace Ticketing.UnitTests.FollowUp;

public sealed class FollowUpRulesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-23T01:00:00Z");

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 }, "image/png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, "image/jpeg")]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a', 1 }, "image/gif")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 1, 2, 3, 4, (byte)'W', (byte)'E', (byte)'B', (byte)'P', (byte)'V' }, "image/webp")]
    [InlineData(new byte[] { (byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-', (byte)'1', (byte)'.', (byte)'7' }, "application/pdf")]
    public void Files_are_known_by_their_content(byte[] head, string contentType) => Assert.Equal(contentType, FileSignatures.Detect(head));

    [Theory]
    [InlineData(new byte[] { (byte)'M', (byte)'Z', 0x90, 0 })] // a Windows program, whatever it is named
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 1, 2, 3, 4, (byte)'W', (byte)'A', (byte)'V', (byte)'E' })]
    [InlineData(new byte[] { (byte)'%', (byte)'P', (byte)'D' })]
    [InlineData(new byte[0])]
    public void Anything_else_is_refused(byte[] head) => Assert.Null(FileSignatures.Detect(head));

    [Fact]
    public void Waiting_on_the_customer_changes_once_each_way_and_holds_the_completion_back()
    {
        var handling = Open();
        Assert.True(handling.SetWaitingOnCustomer("SFS-DC", true, Now));
        Assert.False(handling.SetWaitingOnCustomer("sfs-dc", true, Now.AddHours(1))); // already waiting: nothing changes
        Assert.Equal(Now, handling.WaitingSince);
        var held = Assert.Throws<DomainRuleException>(() => handling.Complete("SFS-DC", "已处理", "clerk", Now));
        Assert.Equal(409, held.StatusCode);
        Assert.Contains("waited on the customer", held.Message);
        Assert.Equal(403, Assert.Throws<DomainRuleException>(() => handling.SetWaitingOnCustomer("SFS-XC", false, Now)).StatusCode);

        Assert.True(handling.SetWaitingOnCustomer("SFS-DC", false, Now.AddHours(2)));
        handling.Complete("SFS-DC", "已处理", "clerk", Now.AddHours(3));
        Assert.Equal((CaseStatus.Completed, HandlingResult.Resolved), (handling.Status, handling.Result));
    }

    [Theory]
    [InlineData(HandlingResult.PartlyResolved)]
    [InlineData(HandlingResult.CannotBeResolved)]
    public void A_result_short_of_resolved_says_why(HandlingResult result)
    {
        var handling = Open();
        Assert.Equal(422, Assert.Throws<DomainRuleException>(() => handling.Complete("SFS-DC", "已答复", "clerk", Now, result, " ")).StatusCode);
        handling.Complete("SFS-DC", "已答复", "clerk", Now, result, " 涉及规划调整，需市级部门决定 ");
        Assert.Equal((result, "涉及规划调整，需市级部门决定"), (handling.Result!.Value, handling.ResultExplanation));
    }

    [Fact]
    public async Task Notes_attachments_and_co_handlers_parts_are_kept_with_the_case()
    {
        using var database = new TestDatabase<FollowUpSqliteDbContext>();
        var handling = Open();
        var attachmentId = Guid.NewGuid();
        await using (var db = database.NewContext())
        {
            db.Cases.Add(handling);
            handling.AddNote("SFS-DC", "已到现场查看", NoteVisibility.Public, "clerk", Now);
            handling.AddNote("SFS-DC", "需协调城管", NoteVisibility.Internal, "clerk", Now.AddMinutes(1));
            handling.Attach("SFS-DC", new CaseAttachment
                { Id = attachmentId, FileName = "现场.jpg", ContentType = "image/jpeg", Size = 1234, By = "clerk", At = Now });
            handling.Complete("SFS-DC", "已修复", "clerk", Now.AddHours(1), parts:
            [
                new CoHandlingPart { AssignmentId = Guid.NewGuid(), OfficeCode = "SFS-XC", Report = "已配合", ReportedAt = Now, ReportedBy = "clerk-xc" },
                new CoHandlingPart { AssignmentId = Guid.NewGuid(), OfficeCode = "SFS-DC-DH" },
            ]);
            await db.SaveChangesAsync();
        }
        await using var check = database.NewContext();
        var kept = await check.Cases.SingleAsync();
        Assert.Equal([NoteVisibility.Public, NoteVisibility.Internal], kept.Notes.OrderBy(n => n.At).Select(n => n.Visibility));
        Assert.Equal((attachmentId, "image/jpeg"), (kept.Attachments.Single().Id, kept.Attachments.Single().ContentType));
        Assert.Equal(["SFS-DC-DH:False", "SFS-XC:True"], kept.CoHandlerParts.OrderBy(p => p.OfficeCode, StringComparer.Ordinal)
            .Select(p => $"{p.OfficeCode}:{p.Reported}"));
        Assert.Equal(409, Assert.Throws<DomainRuleException>(() => kept.AddNote("SFS-DC", "补充", NoteVisibility.Public, "clerk", Now)).StatusCode);
    }

    private static HandlingCase Open() =>
        HandlingCase.Open(Guid.NewGuid(), Guid.NewGuid(), "GD20261123-000001", Guid.NewGuid(), "SFS-DC", Urgency.Normal, 0, null, Now);
}
