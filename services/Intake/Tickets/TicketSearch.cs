using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Localization;
using Ticketing.Contracts;
using Ticketing.Intake.Data;

namespace Ticketing.Intake.Tickets;

/// <summary>
/// What an agent can look tickets up by: number, phone (normalised), caller name (whole or its start), text in
/// title or content, status, category, and the day range received; sorted and paged. Every filter is served by an
/// index: the text by SQLite's FTS5 trigram index (three characters or more; shorter text is compared row by row),
/// on SQL Server by LIKE.
/// </summary>
public sealed record TicketSearch(
    string? Number, string? Phone, string? Name, string? Text, TicketState? Status, Category? Category, string? SubCategory,
    DateTimeOffset? From, DateTimeOffset? To, string? Sort, int? Page, int? PageSize)
{
    public const string NewestFirst = "-receivedAt", OldestFirst = "receivedAt", ByNumber = "number";

    /// <summary>The shortest text the trigram index can find by itself.</summary>
    public const int IndexedTextLength = 3;

    public async Task<Page<Ticket>> RunAsync(IntakeDbContext db, CancellationToken cancellationToken)
    {
        var paging = PageRequest.From(Page, PageSize);
        var text = Text?.Trim();
        if (text?.Length > 200) throw Refused("text", new("Search text is at most 200 characters."));
        if (text?.Any(char.IsControl) == true) throw Refused("text", new("Search text cannot hold control characters."));
        if (Name?.Any(char.IsControl) == true) throw Refused("name", new("A caller's name cannot hold control characters."));
        if (Name?.Trim().Length > 100) throw Refused("name", new("A caller's name is at most 100 characters."));
        if (From > To) throw Refused("from", new("'from' must not be after 'to'."));

        var query = string.IsNullOrEmpty(text) ? db.Tickets : Matching(db, text);
        query = query.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Number)) query = query.Where(t => t.Number == Number.Trim().ToUpperInvariant());
        if (!string.IsNullOrWhiteSpace(Phone))
        {
            var phone = PhoneNumbers.Normalise(Phone);
            query = query.Where(t => t.CallerPhone == phone);
        }
        if (!string.IsNullOrWhiteSpace(Name))
        {
            // A range rather than LIKE, so the index on the name serves it: every name that starts with these characters.
            var name = Name.Trim();
            var after = name + char.ConvertFromUtf32(0x10FFFF);
            query = query.Where(t => string.Compare(t.CallerName, name) >= 0 && string.Compare(t.CallerName, after) < 0);
        }
        if (Status is not null) query = query.Where(t => t.Status == Status);
        if (Category is not null) query = query.Where(t => t.Category == Category);
        if (!string.IsNullOrWhiteSpace(SubCategory))
        {
            var sub = SubCategory.Trim();
            query = query.Where(t => t.SubCategory == sub);
        }
        if (From is { } from) query = query.Where(t => t.ReceivedAt >= from);
        if (To is { } to) query = query.Where(t => t.ReceivedAt <= to);

        var ordered = (Sort?.Trim() ?? "") switch
        {
            "" or NewestFirst => query.OrderByDescending(t => t.ReceivedAt).ThenByDescending(t => t.Number),
            OldestFirst => query.OrderBy(t => t.ReceivedAt).ThenBy(t => t.Number),
            ByNumber => query.OrderBy(t => t.Number),
            _ => throw Refused("sort", new Phrase("sort must be {0} (newest first, the default), {1} or {2}.", NewestFirst, OldestFirst, ByNumber)),
        };
        if (!string.IsNullOrEmpty(text) && OnlyText && text.EnumerateRunes().Count() >= IndexedTextLength && db.Database.IsSqlite())
        {
            // Counted in the text index alone: many thousands of matches need not be looked up to be counted.
            var total = await db.Database.SqlQuery<int>($"SELECT count(*) AS Value FROM TicketText WHERE TicketText MATCH {Phrase(text)}")
                .SingleAsync(cancellationToken);
            var items = await ordered.Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
            return new Page<Ticket>(items, paging.Page, paging.PageSize, total);
        }
        return await ordered.ToPageAsync(paging, cancellationToken);
    }

    private bool OnlyText => string.IsNullOrWhiteSpace(Number) && string.IsNullOrWhiteSpace(Phone) && string.IsNullOrWhiteSpace(Name)
                             && Status is null && Category is null && string.IsNullOrWhiteSpace(SubCategory) && From is null && To is null;

    /// <summary>The text as one FTS5 phrase: FTS5's own query syntax is not the caller's to use.</summary>
    private static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"") + "\"";

    private static IQueryable<Ticket> Matching(IntakeDbContext db, string text)
    {
        // SQL Server, and text too short for trigrams, compare row by row.
        if (!db.Database.IsSqlite() || text.EnumerateRunes().Count() < IndexedTextLength)
            return db.Tickets.Where(t => t.Title.Contains(text) || t.Content.Contains(text));
        return db.Tickets.FromSql($"SELECT * FROM Tickets WHERE rowid IN (SELECT rowid FROM TicketText WHERE TicketText MATCH {Phrase(text)})");
    }

    private static DomainRuleException Refused(string parameter, Phrase why) =>
        new("Invalid search", why, StatusCodes.Status400BadRequest) { Extensions = { ["parameter"] = parameter } };
}
