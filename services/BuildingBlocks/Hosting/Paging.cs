using Microsoft.AspNetCore.Http;

namespace Ticketing.BuildingBlocks.Hosting;

/// <summary>One page of a list, newest first unless the endpoint says otherwise.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total);

/// <summary>?page=&amp;pageSize= with sane bounds.</summary>
public readonly record struct PageRequest(int Page = 1, int PageSize = 20)
{
    public const int MaxPageSize = 200;

    public int Skip => (Page - 1) * PageSize;

    public static PageRequest From(int? page, int? pageSize)
    {
        if (page is < 1) throw new Errors.DomainRuleException("Invalid page", "page starts at 1.", StatusCodes.Status400BadRequest);
        if (pageSize is < 1 or > MaxPageSize)
            throw new Errors.DomainRuleException("Invalid page size", new Localization.Phrase("pageSize must be between 1 and {0}.", MaxPageSize),
                StatusCodes.Status400BadRequest);
        return new PageRequest(page ?? 1, pageSize ?? 20);
    }
}
