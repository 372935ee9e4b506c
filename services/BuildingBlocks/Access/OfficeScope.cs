namespace Ticketing.BuildingBlocks.Access;

/// <summary>
/// An office's reach: itself and its sub-offices. Office codes are hierarchical (SFS-DC is the district,
/// SFS-DC-DH a sub-district under it), so a sub-office's code extends its parent's by one or more segments.
/// </summary>
public static class OfficeScope
{
    public static bool Covers(string? office, string? officeCode) =>
        !string.IsNullOrEmpty(office) && !string.IsNullOrEmpty(officeCode)
        && (officeCode.Equals(office, StringComparison.OrdinalIgnoreCase)
            || officeCode.StartsWith(office + "-", StringComparison.OrdinalIgnoreCase));

}
