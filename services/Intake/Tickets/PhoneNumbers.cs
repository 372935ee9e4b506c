using System.Text.RegularExpressions;

namespace Ticketing.Intake.Tickets;

/// <summary>What kind of number a caller gave.</summary>
public enum PhoneKind { Mobile, Landline, Other }

/// <summary>
/// Callers' numbers as the hotline keeps them, so that one caller is one number however it was typed:
/// a mainland mobile as its 11 digits (13800138000, whether dialled as +86 138 0013 8000 or 0086-13800138000),
/// a landline with its area code as 010-12345678 (three-digit area codes 010 and 02x, four digits otherwise),
/// anything else (a foreign number, a short service number) as its digits, a leading + kept.
/// </summary>
public static partial class PhoneNumbers
{
    public static bool TryNormalise(string? typed, out string normalised, out PhoneKind kind)
    {
        (normalised, kind) = ("", PhoneKind.Other);
        if (string.IsNullOrWhiteSpace(typed) || !Typed().IsMatch(typed)) return false;
        var international = typed.TrimStart().StartsWith('+');
        var digits = new string(typed.Where(char.IsAsciiDigit).ToArray());
        var dialledFromAbroad = false;
        if (international && digits.StartsWith("86")) (digits, international, dialledFromAbroad) = (digits[2..], false, true);
        else if (!international && digits.StartsWith("0086")) (digits, dialledFromAbroad) = (digits[4..], true);
        else if (!international && digits.Length == 13 && digits.StartsWith("861")) digits = digits[2..];
        if (dialledFromAbroad && !digits.StartsWith('1') && !digits.StartsWith('0')) digits = "0" + digits; // +86 21 … is 021 …

        if (!international && Mobile().IsMatch(digits))
        {
            (normalised, kind) = (digits, PhoneKind.Mobile);
            return true;
        }
        if (!international && Landline().IsMatch(digits))
        {
            var area = digits.StartsWith("01") || digits.StartsWith("02") ? 3 : 4;
            (normalised, kind) = ($"{digits[..area]}-{digits[area..]}", PhoneKind.Landline);
            return digits.Length - area is 7 or 8;
        }
        if (digits.Length is < 5 or > 15) return false;
        (normalised, kind) = (international ? "+" + digits : digits, PhoneKind.Other);
        return true;
    }

    /// <summary>The number as stored, or the text unchanged when it is no number (a search then finds nothing).</summary>
    public static string Normalise(string typed) => TryNormalise(typed, out var normalised, out _) ? normalised : typed.Trim();

    [GeneratedRegex(@"^\s*\+?\(?[0-9][0-9\- ()]{3,24}\s*$")]
    private static partial Regex Typed();

    [GeneratedRegex(@"^1[3-9][0-9]{9}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^0[1-9][0-9]{8,10}$")]
    private static partial Regex Landline();
}
