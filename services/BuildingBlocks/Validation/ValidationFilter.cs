using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Ticketing.BuildingBlocks.Validation;

/// <summary>Runs the FluentValidation validator of a request body and answers 400 with every field's errors.</summary>
public sealed class ValidationFilter<TRequest>(IValidator<TRequest> validator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.Arguments.OfType<TRequest>().FirstOrDefault();
        if (request is null)
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing request body",
                detail: $"A JSON body ({typeof(TRequest).Name}) is required.");

        var result = await validator.ValidateAsync(request, context.HttpContext.RequestAborted);
        if (result.IsValid) return await next(context);
        return Results.ValidationProblem(result.ToDictionary(), title: "The request is not valid");
    }
}

public static class ValidationExtensions
{
    public static RouteHandlerBuilder Validate<TRequest>(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter<ValidationFilter<TRequest>>().ProducesValidationProblem();
}
