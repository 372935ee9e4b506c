using MudBlazor;

namespace Ticketing.Web.Supervision;

/// <summary>
/// How near a piece of work is to its deadline, as the office reads it on a chip: green while in time, yellow and red from the
/// supervision clock's own thresholds (the policy's percentages of the allowed time), overdue past the deadline. Each level has
/// its word on the chip, so the colour is never the only sign.
/// </summary>
public enum DueLevel { None, Paused, Green, Yellow, Red, Overdue }

public static class DueLevels
{
    /// <summary>
    /// The deadline the work shows (the inbox's <c>dueAt</c>) decides overdue; the clock's <c>yellowAt</c>/<c>redAt</c>, when
    /// known, the warnings. No deadline running is <see cref="DueLevel.None"/>, a clock waiting on the customer paused.
    /// </summary>
    public static DueLevel Of(DateTimeOffset? dueAt, bool paused, DateTimeOffset? yellowAt, DateTimeOffset? redAt, DateTimeOffset now)
    {
        if (paused) return DueLevel.Paused;
        if (dueAt is not { } deadline) return DueLevel.None;
        if (now >= deadline) return DueLevel.Overdue;
        if (redAt is { } red && now >= red) return DueLevel.Red;
        if (yellowAt is { } yellow && now >= yellow) return DueLevel.Yellow;
        return DueLevel.Green;
    }

    /// <summary>The words on the chip (a key of the console's texts).</summary>
    public static string Label(DueLevel level) => level switch
    {
        DueLevel.Paused => "Paused (waiting on the customer)",
        DueLevel.Green => "In time",
        DueLevel.Yellow => "Due soon (yellow)",
        DueLevel.Red => "Nearly due (red)",
        DueLevel.Overdue => "Overdue",
        _ => "No deadline running",
    };

    public static Color Colour(DueLevel level) => level switch
    {
        DueLevel.Green => Color.Success,
        DueLevel.Yellow => Color.Warning,
        DueLevel.Red or DueLevel.Overdue => Color.Error,
        _ => Color.Default,
    };
}
