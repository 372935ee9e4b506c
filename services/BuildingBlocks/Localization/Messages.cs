using System.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

[assembly: NeutralResourcesLanguage("en")]

namespace Ticketing.BuildingBlocks.Localization;

/// <summary>
/// What clients read when a request is refused (problem titles and details, validation messages): English in
/// Messages.resx, each keyed by its English text, and Chinese in Messages.zh-CN.resx. Read through
/// <c>IStringLocalizer&lt;Messages&gt;</c>, in the request's language (<see cref="RequestLanguages"/>); a text with no
/// resource is answered as written.
/// </summary>
public sealed class Messages
{
    private Messages() { }

    /// <summary>The same resources for rules built without a container (FluentValidation's, see <c>WithLocalisedMessage</c>).</summary>
    public static IStringLocalizer Text { get; } =
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(Messages));
}
