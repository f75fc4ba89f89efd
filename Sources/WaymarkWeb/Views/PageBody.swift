import Vapor

/// What a pure view gives the layout: the page's title and place in the site, and its content.
/// The layout adds the frame (who is signed in, the banner), which only the request knows.
struct PageBody {
    var title: String
    var section: NavSection?
    var hasErrors = false
    var backLink: String?
    var breadcrumbs: [(String, String)] = []
    /// A form page: the content sits in the readable two-thirds column.
    var narrow = false
    var content: [Body]

    /// The content alone, as HTML: what the views' snapshot tests compare.
    var html: String { H.el("div", [], content).render(indentedBy: .spaces(2)) }
}

extension Layout {
    static func render(_ page: PageBody, for req: Request, status: HTTPStatus = .ok) -> Response {
        var frame = PageFrame(req, title: page.title, section: page.section)
        frame.hasErrors = page.hasErrors
        frame.backLink = page.backLink
        frame.breadcrumbs = page.breadcrumbs
        return page.narrow ? renderForm(frame, status: status, page.content) : render(frame, status: status, page.content)
    }
}
