using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Validation;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Contracts.Queries;
using Ticketing.Survey.Data;
using Ticketing.Survey.Responses;

namespace Ticketing.Survey.Links;

/// <summary>A survey link for a ticket, to send to the customer (SMS, WeChat…).</summary>
public sealed record CreateLink(Guid TicketId);

public sealed class CreateLinkValidator : AbstractValidator<CreateLink>
{
    public CreateLinkValidator() => RuleFor(r => r.TicketId).NotEmpty();
}

/// <summary>The link as the console shows it: <see cref="Url"/> is what the customer opens, through the gateway.</summary>
public sealed record SurveyLinkView(Guid Id, Guid TicketId, string Url, DateTimeOffset ExpiresAt);

/// <summary>What the customer answers: overall satisfaction, attitude, speed and result on 1–5, and a comment.</summary>
public sealed record CustomerAnswer(
    Satisfaction Satisfaction, int? AttitudeScore = null, int? SpeedScore = null, int? ResultScore = null,
    [property: System.ComponentModel.DataAnnotations.StringLength(SurveyResponse.CommentLength)] string? Comment = null)
{
    public Scores Scores => new(AttitudeScore, SpeedScore, ResultScore);
}

public sealed class CustomerAnswerValidator : AbstractValidator<CustomerAnswer>
{
    public CustomerAnswerValidator()
    {
        RuleFor(r => r.Satisfaction).IsInEnum();
        RuleFor(r => r.AttitudeScore).InclusiveBetween(Scores.Lowest, Scores.Highest);
        RuleFor(r => r.SpeedScore).InclusiveBetween(Scores.Lowest, Scores.Highest);
        RuleFor(r => r.ResultScore).InclusiveBetween(Scores.Lowest, Scores.Highest);
        RuleFor(r => r.Comment).MaximumLength(SurveyResponse.CommentLength).MultiLine();
    }
}

/// <summary>The answer was taken; the customer sees no more than this.</summary>
public sealed record SurveyReceived(Guid ResponseId);

public static class LinkEndpoints
{
    /// <summary>Where the customer's page lives, under the service (and so under <c>/api/survey</c> at the gateway).</summary>
    public const string PublicPath = "/public";

    public static IEndpointRouteBuilder MapLinkEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/links", Create).Validate<CreateLink>().WithTags("Survey links").RequireRoles(Roles.Agent, Roles.Specialist, Roles.Supervisor)
            .WithSummary("A signed link for the customer to answer the survey without signing in: valid 7 days, answers once.");

        // The customer has no account: the signed token is the only credential, checked on every request.
        var open = app.MapGroup(PublicPath).WithTags("Survey for customers").AllowAnonymous();
        open.MapGet("/{token}", CustomerPage.Show).WithSummary("The survey page (zh-CN, for phones); an unusable link shows why.");
        open.MapPost("/{token}", Answer).Validate<CustomerAnswer>()
            .WithSummary("The customer's answer as JSON: 201; a used link 409, an expired one 410, a tampered or unknown one 404.");
        open.MapPost("/{token}/form", CustomerPage.Submit).DisableAntiforgery()
            .WithSummary("The page's form post (the page needs no script): answers a page saying thanks or why not.");
        return app;
    }

    private static async Task<IResult> Create(CreateLink request, HttpContext http, SurveyDbContext db, LinkTokens tokens,
        IOptions<SurveyOptions> options, IIntakeApi intake, ILogger<SurveyLink> logger, CancellationToken cancellationToken)
    {
        await EnsureTicketExistsAsync(intake, request.TicketId, logger, cancellationToken);
        var link = SurveyLink.Create(request.TicketId, http.Actor(), db.Clock.GetUtcNow(), options.Value.LinkLifetime);
        db.Links.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        var view = new SurveyLinkView(link.Id, link.TicketId, UrlOf(http, tokens.TokenFor(link)), link.ExpiresAt);
        return Results.Created(view.Url, view);
    }

    /// <summary>A link goes out for a ticket intake knows: a made-up id is 404; intake away is 503, and no link is made.</summary>
    private static async Task EnsureTicketExistsAsync(IIntakeApi intake, Guid ticketId, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await intake.GetTicketAsync(ticketId, cancellationToken);
        }
        catch (ApiException missing) when (missing.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new NotFoundException("Ticket", ticketId);
        }
        catch (Exception exception) when (exception is ApiException or ApiRequestException or HttpRequestException
                                              or TimeoutRejectedException or BrokenCircuitException)
        {
            logger.LogWarning(exception, "Intake could not give ticket {TicketId}", ticketId);
            throw new DomainRuleException("Ticket unavailable", "Intake cannot be asked about the ticket just now; try again shortly.", 503);
        }
    }

    private static async Task<IResult> Answer(string token, CustomerAnswer answer, SurveyDbContext db, LinkTokens tokens, AgreementRules rules,
        CancellationToken cancellationToken)
    {
        var response = await TakeAnswerAsync(token, answer, db, tokens, rules, cancellationToken);
        return Results.Created($"../responses/{response.Id}", new SurveyReceived(response.Id));
    }

    /// <summary>Checks the token (404 tampered or unknown, 409 used, 410 expired), records the response and uses the link up.</summary>
    public static async Task<SurveyResponse> TakeAnswerAsync(string token, CustomerAnswer answer, SurveyDbContext db, LinkTokens tokens,
        AgreementRules rules, CancellationToken cancellationToken)
    {
        var (link, signedExpiry) = await FindAsync(token, db, tokens, cancellationToken);
        var now = db.Clock.GetUtcNow();
        link.EnsureAnswerable(now, signedExpiry);
        var response = SurveyResponse.FromCustomer(link, answer.Satisfaction, answer.Comment, answer.Scores, rules, now);
        link.Use(response.Id, now, signedExpiry);
        db.Responses.Add(response);
        db.Publish(new SurveyCompleted(response.TicketId, response.Id, response.Satisfaction, response.Source));
        await db.SaveChangesAsync(cancellationToken); // the link's version guards against the same token answered twice at once
        return response;
    }

    /// <summary>The link the token names with the expiry it was signed with; 404 for a token that is tampered, made up or unknown.</summary>
    public static async Task<(SurveyLink Link, DateTimeOffset SignedExpiry)> FindAsync(string token, SurveyDbContext db, LinkTokens tokens,
        CancellationToken cancellationToken) =>
        tokens.Read(token) is { } signed && await db.Links.FirstOrDefaultAsync(l => l.Id == signed.LinkId, cancellationToken) is { } link
            ? (link, signed.ExpiresAt)
            : throw new DomainRuleException("Survey link not found", "This survey link is not valid. Please use the link exactly as you received it.", 404);

    private static string UrlOf(HttpContext http, string token) =>
        $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{PublicPath}/{token}";
}
