using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.Contracts;
using Ticketing.Dispatch.Offices;
using Ticketing.Intake.Tickets;

namespace Ticketing.UnitTests.Access;

public sealed class AccessRulesTests
{
    [Theory]
    [InlineData("13800138000", "138****8000")]
    [InlineData("+8613800138000", "+86****8000")]
    [InlineData("010-12345678", "010****5678")]
    [InlineData("12345", "*2345")]
    [InlineData("1234", "****")]
    public void Numbers_are_masked_keeping_their_first_three_and_last_four_digits(string phone, string masked) =>
        Assert.Equal(masked, PhoneMask.Mask(phone));

    [Theory]
    [InlineData("SFS-DC", "SFS-DC", true)]
    [InlineData("SFS-DC", "SFS-DC-DH", true)]
    [InlineData("SFS-DC", "sfs-dc-dh", true)]
    [InlineData("SFS-DC-DH", "SFS-DC", false)]
    [InlineData("SFS-DC", "SFS-DCX", false)] // a code that merely starts the same is another office
    [InlineData("SFS-DC", "SFS-XC", false)]
    [InlineData(null, "SFS-DC", false)]
    [InlineData("SFS-DC", null, false)]
    public void An_office_reaches_itself_and_its_sub_offices_only(string? office, string? officeCode, bool covered) =>
        Assert.Equal(covered, OfficeScope.Covers(office, officeCode));

    [Fact]
    public void The_caller_is_read_from_the_tokens_claims_only()
    {
        var clerk = Principal(("sub", "u-17"), ("preferred_username", "clerk-dcdh"), ("name", "刘洋"), ("role", "office"), ("office", "SFS-DC-DH"))
            .ToCaller()!;
        Assert.Equal(new Caller("clerk-dcdh", "刘洋", Roles.Office, "SFS-DC-DH"), clerk);
        Assert.True(clerk.Sees("SFS-DC-DH"));
        Assert.False(clerk.Sees("SFS-DC"));

        var supervisor = Principal(("sub", "u-9"), ("role", "made-up"), ("role", "supervisor")).ToCaller()!;
        Assert.Equal(("u-9", Roles.Supervisor), (supervisor.Id, supervisor.Role)); // unknown roles are ignored
        Assert.True(supervisor.Sees("SFS-XC"));

        Assert.Null(new ClaimsPrincipal(new ClaimsIdentity()).ToCaller()); // not signed in
        var officeWithoutOffice = Principal(("sub", "u-3"), ("role", "office")).ToCaller()!;
        Assert.False(officeWithoutOffice.Sees("SFS-DC")); // office staff with no office claim see nothing
    }

    [Fact]
    public void The_staff_member_a_complaint_names_may_not_reject_or_resolve_it_but_a_colleague_may()
    {
        var complaint = Ticket.Register(new RegisterTicket(Channel.Phone, Category.Complaint, Urgency.Normal, "投诉话务员", "态度差", "王五",
            "13700001111", "DC", ConcernedStaff: " agent2 "), "GD20261130-000001", "agent1", DateTimeOffset.UtcNow);
        Assert.Equal("agent2", complaint.ConcernedStaff);
        Assert.Equal(StatusCodes.Status403Forbidden, Assert.Throws<DomainRuleException>(() => complaint.Reject("无效", "AGENT2", DateTimeOffset.UtcNow)).StatusCode);
        Assert.Equal(StatusCodes.Status403Forbidden, Assert.Throws<DomainRuleException>(() => complaint.ResolveAtFirstContact("已解释", "agent2", DateTimeOffset.UtcNow)).StatusCode);
        complaint.Reject("不属于受理范围", "agent1", DateTimeOffset.UtcNow);
        Assert.Equal(TicketState.Rejected, complaint.Status);
    }

    [Fact]
    public void An_office_directory_whose_sub_office_code_does_not_extend_its_parents_is_refused()
    {
        var misnamed = new DirectoryFile("x", [new SeedOffice("A", "甲", "A", OfficeKind.Centre, null, [], null, null, null),
            new SeedOffice("B-1", "乙", "B", OfficeKind.Town, "A", [], null, null, null)], []);
        Assert.Contains("B-1 must extend its parent's code: A-", Assert.Throws<InvalidOperationException>(() => misnamed.ToEntities(DateTimeOffset.UtcNow)).Message);
    }

    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "Bearer"));
}
