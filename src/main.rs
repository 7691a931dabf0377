fn main() {
    println!("irbook");
}
