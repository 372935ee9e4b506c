using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Localization;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.Contracts;
using Ticketing.Intake.Data;

namespace Ticketing.Intake.Tickets;

/// <summary>
/// What an agent can look tickets up by: number, phone (normalised), caller name (whole or its start), text in
/// title or content, status, category, the office it is assigned to (with its sub-offices), whether it is overdue
/// now, and the day range received; sorted and paged. Every filter is served by an index: on SQLite the text by
/// FTS5, a trigram index for three characters or more and a bigram index (<see cref="TextBigrams"/>) for two; on
/// SQL Server by LIKE.
/// </summary>
public sealed partial record TicketSearch(
    string? Number, string? Phone, string? Name, string? Text, TicketState? Status, Category? Category, string? SubCategory,
    string? Office, bool? Overdue, DateTimeOffset? From, DateTimeOffset? To, string? Sort, int? Page, int? PageSize)
{
    public const string NewestFirst = "-receivedAt", OldestFirst = "receivedAt", ByNumber = "number";

    /// <summary>The shortest text the trigram index can find by itself; two characters are found by the bigram index.</summary>
    public const int TrigramTextLength = 3;

    /// <summary>One character would match a large share of all tickets and tell the agent little: it is refused.</summary>
    public const int ShortestText = 2;

    /// <summary>
    /// Reading and sorting one match costs about ten times stepping over one ticket in the sort order's index (measured at
    /// a million tickets: 1.6 µs against 0.17 µs). See <see cref="WalkTheOrder"/>.
    /// </summary>
    private const long SortCostInStepsOverTheIndex = 10;

    /// <summary>
    /// With other filters, text that matches more tickets than this does not lead the query: looking up every match
    /// (about 1 µs each) would cost more than letting another filter's index lead and keeping the rows the text matches
    /// (an office's tickets are counted in its index alone).
    /// </summary>
    private const int TextMatchesToLookUp = 5_000;

    public async Task<Page<Ticket>> RunAsync(IntakeDbContext db, CancellationToken cancellationToken)
    {
        var paging = PageRequest.From(Page, PageSize);
        var text = Text?.Trim();
        if (text?.Length > 200) throw Refused("text", new("Search text is at most 200 characters."));
        if (text?.Any(char.IsControl) == true) throw Refused("text", new("Search text cannot hold control characters."));
        if (text is { Length: > 0 } && text.EnumerateRunes().Count() < ShortestText)
            throw Refused("text", new("Search text needs at least two characters: one alone matches too many tickets to tell anything."));
        if (Name?.Any(char.IsControl) == true) throw Refused("name", new("A caller's name cannot hold control characters."));
        if (Name?.Trim().Length > 100) throw Refused("name", new("A caller's name is at most 100 characters."));
        if (!string.IsNullOrWhiteSpace(Office) && (Office.Trim().Length > 40 || !OfficeCodeShape().IsMatch(Office.Trim())))
            throw Refused("office", new("office must be an office code such as SFS-DC (letters and digits in parts joined by '-', at most 40 characters)."));
        if (From > To) throw Refused("from", new("'from' must not be after 'to'."));
        var order = Ordering();
        var sqlite = db.Database.IsSqlite();
        if (string.IsNullOrEmpty(text)) text = null;

        // Many thousands of text matches need not be looked up to be counted: the text index counts them by itself.
        var textMatches = sqlite && text is not null ? await CountInTextIndexAsync(db, text, cancellationToken) : (int?)null;
        var textLeads = textMatches is null || OnlyText || textMatches <= TextMatchesToLookUp;
        var total = OnlyText && textMatches is { } counted
            ? counted
            : await Filtered(Source(db, text, textLeads, walking: null)).CountAsync(cancellationToken);
        if (total <= paging.Skip) return new Page<Ticket>([], paging.Page, paging.PageSize, total);

        // A handful of matches is sorted without asking how many tickets there are (there are at least as many as matches).
        var walking = sqlite && WalkTheOrder(total, paging, tickets: total)
                             && WalkTheOrder(total, paging, await TicketCountAsync(db, cancellationToken)) ? order.Index : null;
        var items = await order.Apply(Filtered(Source(db, text, textLeads, walking))).Skip(paging.Skip).Take(paging.PageSize)
            .ToListAsync(cancellationToken);
        return new Page<Ticket>(items, paging.Page, paging.PageSize, total);
    }

    /// <summary>
    /// Whether to walk the sort order's index and keep the tickets that match, rather than read every match and sort
    /// them: it pays once the matches are many. Walking visits about (skip + page size) × tickets / matches entries
    /// when matches are spread over time; reading and sorting costs every match. Matches bunched at the far end of
    /// the order are the walk's worst case, bounded by one pass over the index (about 0.2 s at a million tickets).
    /// </summary>
    public static bool WalkTheOrder(long matches, PageRequest page, long tickets) =>
        matches * matches * SortCostInStepsOverTheIndex >= (page.Skip + page.PageSize) * tickets;

    private IQueryable<Ticket> Filtered(IQueryable<Ticket> query)
    {
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
        if (!string.IsNullOrWhiteSpace(Office))
        {
            // The office and its sub-offices (OfficeScope): codes from X up to, not including, "X." are X and X-…, as
            // '.' follows '-' and no code holds a character between them. One range, so the index serves it.
            var office = Office.Trim().ToUpperInvariant();
            var past = office + ".";
            query = query.Where(t => string.Compare(t.OfficeCode, office) >= 0 && string.Compare(t.OfficeCode, past) < 0);
        }
        if (Overdue is { } overdue) query = query.Where(t => t.Overdue == overdue);
        if (From is { } from) query = query.Where(t => t.ReceivedAt >= from);
        if (To is { } to) query = query.Where(t => t.ReceivedAt <= to);
        return query;
    }

    private bool OnlyText => string.IsNullOrWhiteSpace(Number) && string.IsNullOrWhiteSpace(Phone) && string.IsNullOrWhiteSpace(Name)
                             && Status is null && Category is null && string.IsNullOrWhiteSpace(SubCategory)
                             && string.IsNullOrWhiteSpace(Office) && Overdue is null && From is null && To is null;

    /// <summary>A sort: how to order, and the index that hands back that order (SQLite's name for it).</summary>
    private sealed record Order(Func<IQueryable<Ticket>, IOrderedQueryable<Ticket>> Apply, string Index);

    private Order Ordering() => (Sort?.Trim() ?? "") switch
    {
        "" or NewestFirst => new(q => q.OrderByDescending(t => t.ReceivedAt).ThenByDescending(t => t.Number), "IX_Tickets_ReceivedAt"),
        OldestFirst => new(q => q.OrderBy(t => t.ReceivedAt).ThenBy(t => t.Number), "IX_Tickets_ReceivedAt"),
        ByNumber => new(q => q.OrderBy(t => t.Number), "IX_Tickets_Number"),
        _ => throw Refused("sort", new Phrase("sort must be {0} (newest first, the default), {1} or {2}.", NewestFirst, OldestFirst, ByNumber)),
    };

    /// <summary>
    /// The tickets to filter: those the text index matches, on SQLite walked in the order of <paramref name="walking"/>
    /// when given (its name is one of ours, never the caller's; the text goes in as a parameter). Unless the text
    /// <paramref name="leads"/>, the match is only a condition on each row (SQLite's unary + keeps it from choosing
    /// the rowid list to start from), and another filter's index leads.
    /// </summary>
    private static IQueryable<Ticket> Source(IntakeDbContext db, string? text, bool leads, string? walking)
    {
        if (!db.Database.IsSqlite())
            return text is null ? db.Tickets : db.Tickets.Where(t => t.Title.Contains(text) || t.Content.Contains(text));
        if (text is null && walking is null) return db.Tickets;
        var tickets = walking is null ? "SELECT * FROM Tickets" : $"SELECT * FROM Tickets INDEXED BY {walking}";
        if (text is null) return db.Tickets.FromSqlRaw(tickets);
        var (index, phrase) = TextIndex(text);
        var matching = $"{tickets} WHERE {(leads ? "" : "+")}rowid IN (SELECT rowid FROM {index} WHERE {index} MATCH {{0}})";
        return db.Tickets.FromSqlRaw(matching, phrase);
    }

    private static async Task<int> CountInTextIndexAsync(IntakeDbContext db, string text, CancellationToken cancellationToken)
    {
        var (index, phrase) = TextIndex(text);
        var counting = $"SELECT count(*) AS Value FROM {index} WHERE {index} MATCH {{0}}"; // the table's name is ours; the phrase a parameter
        return await db.Database.SqlQueryRaw<int>(counting, phrase).SingleAsync(cancellationToken);
    }

    /// <summary>
    /// The FTS5 table that finds the text, and the text as one phrase of that table (FTS5's own query syntax is not the
    /// caller's to use): three characters or more as they are (trigrams), two as their one bigram (trimmed, without
    /// control characters, two characters always make one).
    /// </summary>
    private static (string Index, string Phrase) TextIndex(string text) => text.EnumerateRunes().Count() >= TrigramTextLength
        ? ("TicketText", Phrase(text))
        : ("TicketBigrams", Phrase(TextBigrams.Of(text)));

    private static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"") + "\"";

    /// <summary>How many tickets there are, near enough and at once: tickets are never deleted, so the last rowid.</summary>
    private static Task<long> TicketCountAsync(IntakeDbContext db, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<long>("SELECT coalesce(max(rowid), 0) AS Value FROM Tickets").SingleAsync(cancellationToken);

    [GeneratedRegex("^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$")]
    private static partial Regex OfficeCodeShape();

    private static DomainRuleException Refused(string parameter, Phrase why) =>
        new("Invalid search", why, StatusCodes.Status400BadRequest) { Extensions = { ["parameter"] = parameter } };
}
