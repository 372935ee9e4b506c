using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Survey.Data;
using Ticketing.Survey.Events;
using Ticketing.Survey.Links;
using Ticketing.Survey.Responses;

namespace Ticketing.UnitTests.Survey;

public sealed class LinksAndAgreementTests
{
    private static readonly AgreementRules Rules = AgreementRules.Shipped();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-23T01:00:00Z"));

    [Theory]
    [InlineData(Satisfaction.Satisfied, "问题根本没解决", "没解决")]
    [InlineData(Satisfaction.Satisfied, "到现在也没有解决", "没有解决")]
    [InlineData(Satisfaction.BasicallySatisfied, "感觉在敷衍我", "敷衍")]
    [InlineData(Satisfaction.Satisfied, "其实我不满意", "不满意")]
    [InlineData(Satisfaction.Unsatisfied, "非常满意，谢谢", "非常满意")]
    [InlineData(Satisfaction.Unsatisfied, "问题已解决", "已解决")]
    public void A_score_and_a_comment_that_disagree_are_flagged_with_the_reason(Satisfaction satisfaction, string comment, string phrase)
    {
        var reason = Rules.Disagreement(satisfaction, comment, null);
        Assert.NotNull(reason);
        Assert.Contains(phrase, reason);
        Assert.Contains(satisfaction.ToString(), reason);
    }

    [Theory]
    [InlineData(Satisfaction.Satisfied, "很满意，处理很快")]
    [InlineData(Satisfaction.BasicallySatisfied, null)]
    [InlineData(Satisfaction.Unsatisfied, "不满意，问题没解决")] // 不满意 contains 满意, 没解决 contains 解决: neither is praise
    [InlineData(Satisfaction.Unsatisfied, "还是很吵")]
    public void A_score_and_a_comment_that_agree_are_not_flagged(Satisfaction satisfaction, string? comment) =>
        Assert.Null(Rules.Disagreement(satisfaction, comment, null));

    [Fact]
    public void The_result_score_can_disagree_with_the_verdict_too()
    {
        Assert.Contains("1 of 5", Rules.Disagreement(Satisfaction.Satisfied, null, 1));
        Assert.Null(Rules.Disagreement(Satisfaction.Satisfied, null, 4));
        Assert.Contains("5 of 5", Rules.Disagreement(Satisfaction.Unsatisfied, null, 5));
    }

    [Fact]
    public async Task The_callbacks_scores_are_kept_and_a_disagreement_is_flagged()
    {
        using var database = new TestDatabase<SurveySqliteDbContext>();
        await using (var db = database.NewContext())
        {
            await new CallbackCompletedHandler(db, Rules).HandleAsync(
                new CallbackCompleted(Guid.NewGuid(), Guid.NewGuid(), false, Satisfaction.Satisfied, "满意是满意，但问题没解决", "agent1", 5, 4, 2), default);
            await db.SaveChangesAsync();
        }
        await using var check = database.NewContext();
        var response = await check.Responses.SingleAsync();
        Assert.Equal((5, 4, 2, true), (response.AttitudeScore, response.SpeedScore, response.ResultScore, response.NeedsQualityReview));
        Assert.Contains("没解决", response.QualityReviewReason);
    }

    [Fact]
    public void A_token_reads_back_only_with_its_signature_intact()
    {
        var tokens = new LinkTokens("an-example-key-of-at-least-thirty-two-characters"u8.ToArray());
        var link = SurveyLink.Create(Guid.NewGuid(), "agent1", _clock.GetUtcNow(), TimeSpan.FromDays(7));
        var token = tokens.TokenFor(link);
        Assert.Equal((link.Id, link.ExpiresAt), tokens.Read(token));

        var (payload, signature) = (token.Split('.')[0], token.Split('.')[1]);
        var edited = (payload[0] == 'A' ? 'B' : 'A') + payload[1..];
        Assert.Null(tokens.Read($"{edited}.{signature}"));
        Assert.Null(tokens.Read($"{payload}.{signature[..^2]}"));
        Assert.Null(tokens.Read("not-a-token"));
        Assert.Null(tokens.Read($"{payload}.!!!"));
        Assert.Null(new LinkTokens("another-key-of-at-least-thirty-two-characters!!"u8.ToArray()).Read(token));
    }

    [Fact]
    public void A_link_answers_once_and_not_after_seven_days()
    {
        var link = SurveyLink.Create(Guid.NewGuid(), "agent1", _clock.GetUtcNow(), TimeSpan.FromDays(7));
        _clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        link.Use(Guid.NewGuid(), _clock.GetUtcNow());
        Assert.Equal(409, Assert.Throws<DomainRuleException>(() => link.Use(Guid.NewGuid(), _clock.GetUtcNow())).StatusCode);

        var late = SurveyLink.Create(Guid.NewGuid(), "agent1", _clock.GetUtcNow(), TimeSpan.FromDays(7));
        _clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(410, Assert.Throws<DomainRuleException>(() => late.EnsureAnswerable(_clock.GetUtcNow())).StatusCode);
    }
}
