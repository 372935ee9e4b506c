using Ticketing.BuildingBlocks.Errors;
using Ticketing.FollowUp.Cases;

namespace Ticketing.UnitTests.FollowUp;

public sealed class HandlingCaseTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-23T01:00:00Z");

    [Fact]
    public void An_office_completes_only_signed_work_of_its_own()
    {
        var handling = HandlingCase.Open(Guid.NewGuid(), "GD20261123-000001", Guid.NewGuid(), "SFS-DC", Now);
        Assert.Contains("sign for it first", Assert.Throws<DomainRuleException>(() => handling.Complete("SFS-DC", "done", "clerk", Now)).Message);
        handling.Signed(Now);
        Assert.Equal(403, Assert.Throws<DomainRuleException>(() => handling.Complete("SFS-XC", "done", "clerk", Now)).StatusCode);
        handling.Complete("SFS-DC", "  已处理  ", "clerk", Now);
        Assert.Equal((CaseStatus.Completed, "已处理"), (handling.Status, handling.ReplyToCustomer));
        Assert.Equal(409, Assert.Throws<DomainRuleException>(() => handling.Complete("SFS-DC", "again", "clerk", Now)).StatusCode);
    }

    [Fact]
    public void A_reopened_case_is_worked_again_and_counted()
    {
        var handling = HandlingCase.Open(Guid.NewGuid(), "GD20261123-000001", Guid.NewGuid(), "SFS-DC", Now);
        handling.Signed(Now);
        handling.Complete("SFS-DC", "done", "clerk", Now);
        handling.Reopen();
        Assert.Equal((CaseStatus.InProgress, 1), (handling.Status, handling.ReopenCount));
        handling.Complete("SFS-DC", "done properly", "clerk", Now);
    }
}
