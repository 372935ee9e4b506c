using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Ticketing.BuildingBlocks.Localization;

namespace Ticketing.BuildingBlocks.Validation;

/// <summary>
/// Runs the FluentValidation validator of a request body and answers 400 with every field's errors, keyed by the
/// field's JSON name and said in the request's language (FluentValidation's own messages by its LanguageManager,
/// which reads the current UI culture; ours from <see cref="Messages"/>).
/// </summary>
public sealed class ValidationFilter<TRequest>(IValidator<TRequest> validator, IStringLocalizer<Messages> text) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.Arguments.OfType<TRequest>().FirstOrDefault();
        if (request is null)
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing request body",
                detail: text["A JSON body ({0}) is required.", typeof(TRequest).Name].Value);

        var result = await validator.ValidateAsync(request, context.HttpContext.RequestAborted);
        if (result.IsValid) return await next(context);
        var errors = result.Errors.GroupBy(e => FieldNames.JsonPath(e.PropertyName))
            .ToDictionary(field => field.Key, field => field.Select(e => e.ErrorMessage).Distinct().ToArray());
        return Results.ValidationProblem(errors, title: "The request is not valid");
    }
}

public static class ValidationExtensions
{
    public static RouteHandlerBuilder Validate<TRequest>(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter<ValidationFilter<TRequest>>().ProducesValidationProblem();

    /// <summary>
    /// A message of our own in the request's language: <paramref name="english"/> is its key in Messages.resx and may hold
    /// FluentValidation's placeholders ('{PropertyName}').
    /// </summary>
    public static IRuleBuilderOptions<T, TProperty> WithLocalisedMessage<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, string english) =>
        rule.WithMessage(_ => Messages.Text[english].Value);

    /// <summary>As above, with values of the request in the text ({0}, {1} …); name the field in it as the client spells it.</summary>
    public static IRuleBuilderOptions<T, TProperty> WithLocalisedMessage<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, string english,
        Func<T, object?[]> values) =>
        rule.WithMessage(request => Messages.Text[english, [.. values(request).Select(v => v ?? "")]].Value);
}
