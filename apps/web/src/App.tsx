// The shell: header (navigation, wallet), wrong-network banner, the page, the transaction list.
import { lazy, Suspense } from "react";
import { Link, Route, Switch, useLocation } from "wouter";
import { ConnectButton } from "./components/ConnectButton.tsx";
import { NetworkBanner } from "./components/NetworkBanner.tsx";
import { Loading } from "./components/Status.tsx";
import { TxList } from "./components/TxList.tsx";
import { Dashboard } from "./pages/Dashboard.tsx";

// Every page but the dashboard loads on demand: the first paint needs only the dashboard's code.
const Markets = lazy(() => import("./pages/Markets.tsx"));
const Market = lazy(() => import("./pages/Market.tsx"));
const Buy = lazy(() => import("./pages/Buy.tsx"));
const Policies = lazy(() => import("./pages/Policies.tsx"));
const Provide = lazy(() => import("./pages/Provide.tsx"));
const Curator = lazy(() => import("./pages/Curator.tsx"));
const Assessor = lazy(() => import("./pages/Assessor.tsx"));

const NAV = [
  ["/", "Dashboard"],
  ["/markets", "Markets"],
  ["/buy", "Buy cover"],
  ["/policies", "My policies"],
  ["/provide", "Provide capital"],
  ["/curator", "Curator"],
  ["/assessor", "Assessor"],
] as const;

export function App() {
  const [location] = useLocation();
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header>
        <Link href="/" className="brand">
          Backstop
        </Link>
        <nav aria-label="Main">
          {NAV.map(([href, label]) => (
            <Link
              key={href}
              href={href}
              aria-current={
                (href === "/" ? location === "/" : location.startsWith(href)) ? "page" : undefined
              }
            >
              {label}
            </Link>
          ))}
        </nav>
        <ConnectButton />
      </header>
      <NetworkBanner />
      <main id="main">
        <Suspense fallback={<Loading what="the page" />}>
          <Switch>
            <Route path="/" component={Dashboard} />
            <Route path="/markets" component={Markets} />
            <Route path="/markets/:id">{(p) => <Market id={Number(p.id)} />}</Route>
            <Route path="/buy" component={Buy} />
            <Route path="/policies" component={Policies} />
            <Route path="/provide" component={Provide} />
            <Route path="/curator" component={Curator} />
            <Route path="/assessor" component={Assessor} />
            <Route>
              <h1>Not found</h1>
              <p>
                There is no page here. <Link href="/">Back to the dashboard</Link>.
              </p>
            </Route>
          </Switch>
        </Suspense>
      </main>
      <TxList />
    </>
  );
}
