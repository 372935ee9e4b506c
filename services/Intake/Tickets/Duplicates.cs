using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Ticketing.Contracts;
using Ticketing.Contracts.Queries;
using Ticketing.Intake.Data;

namespace Ticketing.Intake.Tickets;

/// <summary>
/// Finds tickets a new call may repeat: open or recent ones (30 days) from the same number, and ones at the same
/// address whose text is alike. Alike is the Dice coefficient of character bigrams, which suits Chinese text
/// without word segmentation (路灯不亮 and 路灯坏了 share 路灯) as well as alphabetic text.
/// </summary>
public sealed class Duplicates(IntakeDbContext db)
{
    public static readonly TimeSpan Recent = TimeSpan.FromDays(30);
    public const double SimilarText = 0.5;
    public const int MostShown = 5;

    private static readonly TicketState[] Finished = [TicketState.Closed, TicketState.Rejected, TicketState.Merged];

    public async Task<List<DuplicateCandidate>> FindAsync(string? phone, string? address, string? text, Guid? except,
        CancellationToken cancellationToken)
    {
        var since = db.Clock.GetUtcNow() - Recent;
        var normalisedPhone = string.IsNullOrWhiteSpace(phone) ? null : PhoneNumbers.Normalise(phone);
        var place = AddressKey(address);
        if (normalisedPhone is null && place is null) return [];

        var nearby = db.Tickets.AsNoTracking().Where(t => t.ReceivedAt >= since || !Finished.Contains(t.Status));
        var samePhone = normalisedPhone is null ? [] : await nearby.Where(t => t.CallerPhone == normalisedPhone).Take(200).ToListAsync(cancellationToken);
        var samePlace = place is null ? [] : await nearby.Where(t => t.AddressKey == place).Take(200).ToListAsync(cancellationToken);

        var grams = Bigrams(text);
        return samePhone.Concat(samePlace).DistinctBy(t => t.Id).Where(t => t.Id != except)
            .Select(t => Candidate(t, normalisedPhone, place, grams))
            .OfType<DuplicateCandidate>()
            .OrderByDescending(c => c.Score).ThenByDescending(c => c.ReceivedAt)
            .Take(MostShown).ToList();
    }

    /// <summary>An address as compared: without spaces, full-width letters and digits made half-width, lower-cased.</summary>
    public static string? AddressKey(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return null;
        var compatible = address.Normalize(NormalizationForm.FormKC);
        return new string(compatible.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant();
    }

    private static DuplicateCandidate? Candidate(Ticket t, string? phone, string? place, HashSet<string> grams)
    {
        var reasons = new List<string>();
        var similarity = Similarity(grams, Bigrams(t.Title + t.Content));
        var samePhone = phone is not null && t.CallerPhone == phone;
        var samePlace = place is not null && t.AddressKey == place;
        if (samePhone) reasons.Add("same phone");
        if (samePlace) reasons.Add("same address");
        if (similarity >= SimilarText) reasons.Add($"similar text {similarity.ToString("P0", CultureInfo.InvariantCulture)}");
        if (!samePhone && similarity < SimilarText) return null; // the same address alone is a neighbour, not a duplicate
        var score = samePhone ? 0.5 + 0.5 * similarity : similarity * (samePlace ? 0.9 : 0.8);
        return new DuplicateCandidate(t.Id, t.Number, Math.Round(score, 2), reasons, t.Status, t.ReceivedAt, t.Title);
    }

    public static double Similarity(HashSet<string> a, HashSet<string> b) =>
        a.Count == 0 || b.Count == 0 ? 0 : 2.0 * a.Count(b.Contains) / (a.Count + b.Count);

    /// <summary>Adjacent character pairs of the letters and digits (CJK included), lower-cased; punctuation and spaces dropped.</summary>
    public static HashSet<string> Bigrams(string? text)
    {
        var kept = new StringBuilder();
        foreach (var rune in (text ?? "").Normalize(NormalizationForm.FormKC).ToLowerInvariant().EnumerateRunes())
            if (Rune.IsLetterOrDigit(rune)) kept.Append(rune.ToString());
        var letters = kept.ToString().EnumerateRunes().Select(r => r.ToString()).ToList();
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < letters.Count; i++) grams.Add(letters[i] + letters[i + 1]);
        if (letters.Count == 1) grams.Add(letters[0]);
        return grams;
    }
}
