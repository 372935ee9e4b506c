namespace Ticketing.BuildingBlocks.Access;

/// <summary>Callers' numbers are personal data: shown whole only to who must dial them or oversee the work.</summary>
public static class PhoneMask
{
    /// <summary>13800138000 → 138****8000; short numbers keep their last four digits visible only.</summary>
    public static string Mask(string phone)
    {
        if (string.IsNullOrEmpty(phone)) return phone;
        if (phone.Length >= 11) return phone[..3] + "****" + phone[^4..];
        if (phone.Length > 4) return new string('*', phone.Length - 4) + phone[^4..];
        return new string('*', phone.Length);
    }
}
