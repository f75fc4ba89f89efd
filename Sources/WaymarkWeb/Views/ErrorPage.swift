import Vapor

enum ErrorPage {
    static func response(status: HTTPStatus, detail: String?, request: Request) -> Response {
        let (title, body): (String, [Body]) = switch status.code {
        case 404: ("Page not found", [UI.p("If you typed the web address, check it is correct."),
                                      UI.p("If you followed a link to a person's record, it may be outside the areas you work in.")])
        case 403 where detail == "csrf":
            ("Your form could not be sent", [UI.p("The page was open for too long or was opened in another window. Go back, reload the page and try again.")])
        case 403: ("You do not have access to this page", [UI.p("Your role does not include this. If you need it, ask your coordinator or an administrator.")])
        case 401: ("Sign in to use Waymark", [H.link("Sign in", to: SitePath.signIn.url)])
        case 400..<500: ("There is a problem with your request", [UI.p(detail ?? "Check what you entered and try again.")])
        default: ("Sorry, there is a problem with the service", [UI.p("Try again later. Nothing you entered has been saved.")])
        }
        var frame = PageFrame(request, title: title)
        frame.banner = nil
        return Layout.render(frame, status: status, [UI.heading(title)] + body)
    }
}
