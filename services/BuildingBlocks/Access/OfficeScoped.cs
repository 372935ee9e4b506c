namespace Ticketing.BuildingBlocks.Access;

/// <summary>Work that belongs to one office: office staff see it only within their office's reach.</summary>
public interface IOfficeScoped
{
    string? OfficeCode { get; }
}

public static class OfficeScopedQueries
{
    /// <summary>What the caller may see: everything, or for office staff their office's and its sub-offices' work.</summary>
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> query, Caller caller) where T : class, IOfficeScoped
    {
        if (caller.Role != Roles.Office) return query;
        if (caller.Office is not { } office) return query.Where(_ => false); // office staff without an office see nothing
        var below = office + "-";
        return query.Where(item => item.OfficeCode == office || item.OfficeCode!.StartsWith(below));
    }
}
