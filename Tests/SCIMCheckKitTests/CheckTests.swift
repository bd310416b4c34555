import SCIMCheckKit
import SCIMCheckTestSupport
import SCIMCore
import Testing

@Suite struct CheckTests {
    @Test func statusAcceptsListedCodesOnly() {
        #expect(Status(200).evaluate(response(status: 200)).passed)
        #expect(!Status(200).evaluate(response(status: 201)).passed)
        #expect(Status(oneOf: 200, 204).evaluate(response(status: 204)).passed)
        #expect(Status(in: 200..<300).evaluate(response(status: 299)).passed)
        #expect(Status(201).evaluate(response(status: 500)).actual == "HTTP/1.1 500 X")
    }

    @Test func headerChecksCompareNamesWithoutCase() {
        let answer = response(headers: ["content-type: application/scim+json", "Location: /Users/1"])
        #expect(Header("Content-Type", contains: "SCIM+JSON").evaluate(answer).passed)
        #expect(Header("Location").present().evaluate(answer).passed)
        #expect(!Header("ETag").evaluate(answer).passed)
        #expect(Header("ETag").absent().evaluate(answer).passed)
        #expect(!Header("Location", equals: "/Users/2").evaluate(answer).passed)
    }

    @Test func jsonChecksTellTypesApart() {
        let answer = response(body: #"{"totalResults":"1","startIndex":1,"Resources":[{"id":""}],"active":false}"#)
        #expect(!JSON("/totalResults").integer().evaluate(answer).passed)
        #expect(JSON("/startIndex").integer().evaluate(answer).passed)
        #expect(!JSON("/Resources/0/id").nonEmpty().evaluate(answer).passed)
        #expect(JSON("/active").nonEmpty().evaluate(answer).passed)
        #expect(JSON("/active", equals: false).evaluate(answer).passed)
        #expect(JSON("/resources/0").present().evaluate(answer).passed)
        #expect(JSON("/missing").absent().evaluate(answer).passed)
        let failed = JSON("/totalResults").integer().evaluate(answer)
        #expect(failed.actual == #""1" (string)"#)
    }

    @Test func jsonChecksTurnGarbageIntoFindings() {
        let garbage = response(body: "<html>oops</html>")
        let evaluation = JSON("/id").nonEmpty().evaluate(garbage)
        #expect(!evaluation.passed)
        #expect(evaluation.actual.contains("not valid JSON"))
        let deep = response(body: String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000))
        #expect(!JSON("/0").present().evaluate(deep).passed)
        #expect(!ListResponse().evaluate(deep).passed)
    }

    @Test func listResponseChecksShapeAndCounts() {
        let good = response(
            body:
                #"{"schemas":["\#(SCIMURN.listResponse)"],"totalResults":3,"startIndex":1,"itemsPerPage":2,"Resources":[{},{}]}"#
        )
        #expect(ListResponse(maxItems: 2).evaluate(good).passed)
        #expect(!ListResponse(maxItems: 1).evaluate(good).passed)
        #expect(!ListResponse(totalResults: 0).evaluate(good).passed)
        let stringly = response(
            body: #"{"schemas":["\#(SCIMURN.listResponse)"],"totalResults":1,"startIndex":"1","Resources":[{}]}"#)
        #expect(ListResponse().evaluate(stringly).actual.contains("startIndex"))
        let missing = response(body: #"{"schemas":["\#(SCIMURN.listResponse)"],"totalResults":2}"#)
        #expect(!ListResponse().evaluate(missing).passed)
    }

    @Test func scimErrorWantsStatusAsString() {
        let good = response(
            status: 409, body: #"{"schemas":["\#(SCIMURN.error)"],"status":"409","scimType":"uniqueness","detail":"d"}"#
        )
        #expect(SCIMError(status: 409, scimType: .uniqueness, requireDetail: true).evaluate(good).passed)
        let numeric = response(status: 409, body: #"{"schemas":["\#(SCIMURN.error)"],"status":409}"#)
        #expect(!SCIMError(status: 409).evaluate(numeric).passed)
        #expect(
            !SCIMError(status: 409, scimType: .uniqueness).evaluate(
                response(status: 409, body: #"{"schemas":["\#(SCIMURN.error)"],"status":"409"}"#)
            ).passed)
    }

    @Test func modifiersSetMetadata() {
        let check = Status(200).level(.should).spec(.rfc7644("3.3")).because("Okta fails").hint("fix it")
        #expect(check.metadata.level == .should)
        #expect(check.metadata.specs == [.rfc7644("3.3")])
        #expect(check.metadata.oktaConsequence == "Okta fails")
        #expect(check.metadata.fixHint == "fix it")
        #expect(check.metadata.source.fileID.hasSuffix("CheckTests.swift"))
    }
}
