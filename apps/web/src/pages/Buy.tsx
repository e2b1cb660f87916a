// Buy page: not built yet.
export default function Buy(_props: { id?: number }) {
  return <h1>Buy</h1>;
}
