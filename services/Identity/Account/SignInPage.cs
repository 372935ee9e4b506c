using System.Net;

namespace Ticketing.Identity.Account;

/// <summary>
/// The sign-in page: one plain HTML form in Chinese and English, no script and no external assets (the gateway's
/// Content-Security-Policy allows neither), the anti-forgery token as a hidden field.
/// </summary>
public static class SignInPage
{
    public static string Render(string action, string? returnUrl, string antiforgeryField, string antiforgeryToken, string? userName = null,
        string? error = null)
    {
        static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
        var message = error is null ? "" : $"""<p class="error" role="alert">{Encode(error)}</p>""";
        return $$"""
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>登录 Sign in · Ticketing 工单系统</title>
            <style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:0;background:#f4f5f7}
            main{max-width:22rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:.5rem;box-shadow:0 1px 4px #0002}
            h1{font-size:1.3rem;margin-top:0}label{display:block;margin:.8rem 0 .2rem}
            input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem}
            button{margin-top:1.2rem;width:100%;padding:.6rem;font-size:1rem}.error{color:#b00020}</style></head>
            <body><main>
            <h1>工单系统 登录 · Ticketing sign in</h1>
            {{message}}
            <form method="post" action="{{Encode(action)}}">
            <input type="hidden" name="{{Encode(antiforgeryField)}}" value="{{Encode(antiforgeryToken)}}">
            <input type="hidden" name="{{AccountEndpoints.ReturnUrlParameter}}" value="{{Encode(returnUrl)}}">
            <label for="userName">用户名 User name</label>
            <input id="userName" name="userName" type="text" autocomplete="username" required autofocus value="{{Encode(userName)}}">
            <label for="password">密码 Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit">登录 Sign in</button>
            </form>
            </main></body></html>
            """;
    }
}
