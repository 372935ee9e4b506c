using System.Text;
using Microsoft.Data.Sqlite;

namespace Ticketing.Intake.Tickets;

/// <summary>
/// Two-character search (路灯, 停水: common Chinese words) on SQLite: every pair of neighbouring characters of a text,
/// lower-cased, space-separated, indexed by a contentless FTS5 table (<c>TicketBigrams</c>). The trigram index
/// cannot find text shorter than three characters. The pairs are made here, in C#, and handed to SQLite as the
/// function <see cref="FunctionName"/>, so the table's triggers index every ticket however it is written (the
/// service, a migration's back-fill, the bench's bulk copy). FTS5's ascii tokenizer with every ASCII punctuation
/// mark as a token character keeps each pair one token, whatever it holds; only spaces and control characters
/// part them, and a pair with either is left out (search text is trimmed and has none).
/// </summary>
public static class TextBigrams
{
    /// <summary>The SQL function the triggers of <c>TicketBigrams</c> call; every connection that writes tickets has it.</summary>
    public const string FunctionName = "ticket_bigrams";

    /// <summary>The text's pairs of neighbouring characters (code points, not UTF-16 halves), lower-cased, space-separated.</summary>
    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var pairs = new StringBuilder(text.Length * 3);
        Rune? previous = null;
        foreach (var rune in text.EnumerateRunes())
        {
            var current = Rune.ToLowerInvariant(rune);
            if (previous is { } first && Pairs(first) && Pairs(current))
                (pairs.Length == 0 ? pairs : pairs.Append(' ')).Append(first).Append(current);
            previous = current;
        }
        return pairs.ToString();
    }

    private static bool Pairs(Rune rune) => !Rune.IsWhiteSpace(rune) && !Rune.IsControl(rune);

    /// <summary>Gives a connection the function (deterministic, so SQLite may use it in triggers and indexes).</summary>
    public static void Register(SqliteConnection connection) =>
        connection.CreateFunction<string?, string>(FunctionName, Of, isDeterministic: true);
}
