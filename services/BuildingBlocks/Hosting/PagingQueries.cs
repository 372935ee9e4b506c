using Microsoft.EntityFrameworkCore;

namespace Ticketing.BuildingBlocks.Hosting;

public static class PagingQueries
{
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> query, PageRequest page, CancellationToken cancellationToken)
    {
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        return new Page<T>(items, page.Page, page.PageSize, total);
    }
}
