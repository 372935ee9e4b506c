using System.Net;
using FluentValidation;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.Contracts;
using Ticketing.Survey.Data;
using Ticketing.Survey.Responses;

namespace Ticketing.Survey.Links;

/// <summary>
/// The page a customer opens from the link: zh-CN, one column for a phone (viewport meta, large touch targets), a plain
/// form with no script and no external assets (the Content-Security-Policy allows neither), posting to the token's form route.
/// A browser (Accept: text/html) is answered with pages, a refusal included; any other client gets the usual problems.
/// </summary>
public static class CustomerPage
{
    private static readonly (Satisfaction Value, string Name)[] Verdicts =
        [(Satisfaction.Satisfied, "满意"), (Satisfaction.BasicallySatisfied, "基本满意"), (Satisfaction.Unsatisfied, "不满意")];

    private static readonly (string Field, string Question)[] ScoreQuestions =
        [("attitudeScore", "工作人员态度"), ("speedScore", "办理速度"), ("resultScore", "办理结果")];

    public static async Task<IResult> Show(string token, HttpContext http, SurveyDbContext db, LinkTokens tokens, CancellationToken cancellationToken)
    {
        try
        {
            var (link, signedExpiry) = await LinkEndpoints.FindAsync(token, db, tokens, cancellationToken);
            link.EnsureAnswerable(db.Clock.GetUtcNow(), signedExpiry);
            return Html(Form(token, null), 200);
        }
        catch (DomainRuleException refused) when (WantsPage(http))
        {
            return Html(Message("无法填写", Why(refused)), refused.StatusCode);
        }
    }

    public static async Task<IResult> Submit(string token, HttpContext http, SurveyDbContext db, LinkTokens tokens, AgreementRules rules,
        IValidator<CustomerAnswer> validator, CancellationToken cancellationToken)
    {
        try
        {
            if (!http.Request.HasFormContentType)
                throw new DomainRuleException("Form expected", "The page posts application/x-www-form-urlencoded; clients post JSON to the token itself.", 415);
            var form = await http.Request.ReadFormAsync(cancellationToken);
            if (!Enum.TryParse<Satisfaction>(form["satisfaction"], out var satisfaction) || !Enum.IsDefined(satisfaction))
                return Invalid(http, token, "请选择总体满意度。", "satisfaction is Satisfied, BasicallySatisfied or Unsatisfied.");
            var answer = new CustomerAnswer(satisfaction, Score(form["attitudeScore"]), Score(form["speedScore"]), Score(form["resultScore"]),
                form["comment"].ToString());
            var validation = await validator.ValidateAsync(answer, cancellationToken);
            if (!validation.IsValid) return Invalid(http, token, "评分为 1–5 分，意见不超过 2000 字。", validation.ToString(" "));
            await LinkEndpoints.TakeAnswerAsync(token, answer, db, tokens, rules, cancellationToken);
            return WantsPage(http) ? Html(Message("提交成功", "感谢您对我们工作的评价！"), 200) : Results.Ok();
        }
        catch (DomainRuleException refused) when (WantsPage(http))
        {
            return Html(Message("无法提交", Why(refused)), refused.StatusCode);
        }
    }

    /// <summary>A browser asks for pages; anything else is answered as the API answers.</summary>
    private static bool WantsPage(HttpContext http) =>
        http.Request.GetTypedHeaders().Accept.Any(type => type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private static IResult Invalid(HttpContext http, string token, string forCustomer, string detail) => WantsPage(http)
        ? Html(Form(token, forCustomer), 400)
        : throw new DomainRuleException("Invalid answer", detail, 400);

    private static int? Score(string? value) => int.TryParse(value, out var score) ? score : null;

    private static string Why(DomainRuleException refused) => refused.StatusCode switch
    {
        409 => "这份问卷已经提交过了，感谢您的评价。",
        410 => "这个问卷链接已过期（有效期 7 天）。",
        _ => "链接无效，请使用短信中的完整链接。",
    };

    private static IResult Html(string body, int status) => Results.Content(body, "text/html; charset=utf-8", statusCode: status);

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string Form(string token, string? error)
    {
        var message = error is null ? "" : $"""<p class="error" role="alert">{Encode(error)}</p>""";
        var verdicts = string.Concat(Verdicts.Select(v =>
            $"""<label class="choice"><input type="radio" name="satisfaction" value="{v.Value}" required> {v.Name}</label>"""));
        var scores = string.Concat(ScoreQuestions.Select(q =>
            $"""<fieldset><legend>{q.Question}（1 分最差，5 分最好）</legend><div class="scale">""" +
            string.Concat(Enumerable.Range(Scores.Lowest, Scores.Highest).Select(n =>
                $"""<label class="choice"><input type="radio" name="{q.Field}" value="{n}"> {n}</label>""")) +
            "</div></fieldset>"));
        return Page("满意度调查", $$"""
            <h1>12345 热线满意度调查</h1>
            <p>您反映的问题已办理完毕，请对本次办理作出评价。</p>
            {{message}}
            <form method="post" action="{{Encode(Uri.EscapeDataString(token))}}/form">
            <fieldset><legend>总体满意度</legend>{{verdicts}}</fieldset>
            {{scores}}
            <label for="comment">意见或建议（选填）</label>
            <textarea id="comment" name="comment" rows="4" maxlength="2000"></textarea>
            <button type="submit">提交评价</button>
            </form>
            """);
    }

    private static string Message(string title, string text) => Page(title, $"<h1>{Encode(title)}</h1><p>{Encode(text)}</p>");

    private static string Page(string title, string main) => $$"""
        <!doctype html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Encode(title)}}</title>
        <style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:0;background:#f4f5f7;font-size:1.05rem}
        main{max-width:32rem;margin:0 auto;background:#fff;padding:1.2rem;min-height:100vh;box-sizing:border-box}
        h1{font-size:1.3rem}fieldset{border:0;padding:0;margin:1rem 0}legend{font-weight:600;margin-bottom:.4rem}
        .choice{display:flex;align-items:center;gap:.5rem;min-height:48px;padding:0 .8rem;margin:.3rem 0;border:1px solid #ccd;border-radius:.5rem}
        .scale{display:grid;grid-template-columns:repeat(5,1fr);gap:.4rem}.scale .choice{justify-content:center;padding:0}
        input[type=radio]{width:1.4rem;height:1.4rem}textarea{width:100%;box-sizing:border-box;font-size:1rem;padding:.5rem}
        button{margin-top:1rem;width:100%;min-height:52px;font-size:1.1rem;border:0;border-radius:.5rem;background:#1565c0;color:#fff}
        .error{color:#b00020}</style></head>
        <body><main>
        {{main}}
        </main></body></html>
        """;
}
