import Vapor
import WaymarkCore
import WaymarkStore

/// The second step of signing in, and setting up an authenticator app.
struct TwoStepPages: RouteCollection {
    /// Where an account that must set up two-step sign-in may go before it has.
    static let allowedBeforeSetUp: Set<String> = [SitePath.twoStepSetUp.url, SitePath.signOut.url, SitePath.sessionStatus.url,
                                                   SitePath.staySignedIn.url]
    static let maximumFailures = 5

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SitePath.signInTwoStep.route, use: showCode)
        routes.post(SitePath.signInTwoStep.route, use: submitCode)
    }

    /// The signed-in half: registered behind RequireSignInMiddleware.
    struct Account: RouteCollection {
        func boot(routes: any RoutesBuilder) throws {
            routes.on(.GET, .twoStepSetUp, needs: .manageOwnAccount, signedIn: showSetUp)
            routes.on(.POST, .twoStepSetUp, needs: .manageOwnAccount, signedIn: confirmSetUp)
        }

        @Sendable func showSetUp(req: Request, user: CurrentUser) async throws -> Response {
            try await setUpPage(req, user, state: FormState())
        }

        func setUpPage(_ req: Request, _ user: CurrentUser, state: FormState, status: HTTPStatus = .ok) async throws -> Response {
            let enabled = user.account.twoStepEnabled
            let setUp = enabled ? nil : try await TwoStepService.setUp(for: user, on: req)
            let model = TwoStepPage.SetUpModel(
                csrf: CSRF.token(for: req), enabled: enabled, required: user.mustSetUpTwoStep,
                secretGrouped: Base32.grouped(setUp?.secret ?? ""), uri: setUp?.uri ?? "",
                recoveryCodesLeft: enabled ? try await AccountRepository.unusedRecoveryCodes(userID: user.id, on: req.db) : 0, state: state)
            return Layout.render(TwoStepPage.setUpView(model), for: req, status: status)
        }

        @Sendable func confirmSetUp(req: Request, user: CurrentUser) async throws -> Response {
            guard !user.account.twoStepEnabled else { return req.redirect(to: SitePath.twoStepSetUp.url) }
            let state = FormState(request: req, fields: ["code"])
            return try await FormSubmission.handle(state, conflictField: "code", redisplay: { try await setUpPage(req, user, state: $0, status: $1) }) {
                let codes = try await TwoStepService.confirm(code: state["code"], for: user, on: req)
                req.session.data[SessionUserMiddleware.twoStepSetUpRequired] = nil
                let page = TwoStepPage.recoveryCodesView(.init(codes: codes, next: SitePath.home.url))
                // Only now may the codes be seen: never cached, never shown again.
                return Layout.render(page, for: req)
            }
        }
    }

    @Sendable func showCode(req: Request) async throws -> Response {
        guard req.hasSession, req.session.data[SignInPages.twoStepUser] != nil else { return req.redirect(to: SitePath.signIn.url) }
        return Layout.render(TwoStepPage.codeView(.init(csrf: CSRF.token(for: req), state: FormState())), for: req)
    }

    @Sendable func submitCode(req: Request) async throws -> Response {
        guard req.hasSession, let userID = req.session.data[SignInPages.twoStepUser],
              let account = try await UserRepository.find(id: userID, on: req.db), account.canSignIn,
              let started = req.session.data[SessionUserMiddleware.signedInAt].flatMap(Double.init),
              req.now.timeIntervalSince1970 - started < 600
        else {
            req.session.destroy()
            return req.redirect(to: SitePath.signIn.url)
        }
        let typed = (try? req.content.get(String.self, at: "code")) ?? ""
        // Per account as well as per session: starting again from the password does not buy more guesses.
        let throttleKey = "two-step:" + userID
        let now = req.now
        let wait = try await UserRepository.throttle(for: throttleKey, on: req.db).secondsToWait(now: now)
        if wait > 0 {
            let model = TwoStepPage.CodeModel(csrf: CSRF.token(for: req), state: FormState(errors: [FieldError("code", SignInThrottle.waitMessage(seconds: wait))]))
            return Layout.render(TwoStepPage.codeView(model), for: req, status: .tooManyRequests)
        }
        let outcome: TwoStepService.Outcome = typed.isEmpty ? .wrong : try await TwoStepService.verify(typed, userID: userID, on: req)
        if outcome == .wrong, !typed.isEmpty {
            let current = try await UserRepository.throttle(for: throttleKey, on: req.db)
            try await UserRepository.saveThrottle(current.failing(now: now, rule: SignInThrottle.accountAtAddress), for: throttleKey, on: req.db)
        } else if outcome != .wrong {
            try await UserRepository.clearThrottle(for: throttleKey, on: req.db)
        }
        guard outcome != .wrong else {
            let failures = (req.session.data[SignInPages.twoStepFailures].flatMap(Int.init) ?? 0) + 1
            if failures >= Self.maximumFailures {
                // Start again from the password: guessing codes costs a bcrypt check each round.
                req.session.destroy()
                return req.redirect(to: SitePath.signIn.url)
            }
            req.session.data[SignInPages.twoStepFailures] = String(failures)
            let message = typed.isEmpty ? "Enter the 6-digit code from your authenticator app" : "The code is not right, or it has already been used: enter the code your app shows now"
            let model = TwoStepPage.CodeModel(csrf: CSRF.token(for: req), state: FormState(errors: [FieldError("code", message)]))
            return Layout.render(TwoStepPage.codeView(model), for: req, status: .unprocessableEntity)
        }
        let next = req.session.data[SignInPages.twoStepNext]
        var detail = "two-step"
        if case .usedRecoveryCode(let left) = outcome { detail = "recovery code (\(left) left)" }
        try await SignInPages.complete(req, account: account, mustSetUpTwoStep: false, detail: detail)
        if case .usedRecoveryCode(let left) = outcome {
            Flash.set("You signed in with a recovery code. You have \(left) left.", on: req)
        }
        return req.redirect(to: SignInPages().safeNext(next) ?? SitePath.home.url)
    }
}
